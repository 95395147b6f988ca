/**
 * What the commands say about the SLO-only artefacts a value KPI does not get: a value against a target has no
 * error budget, so it gets no on-call or debug dashboards (its executive view only). They say so on stderr and go on.
 */
import { type CatalogKpi, isValueKpi } from '../kpi/model';

/** The SLO-only artefacts a command writes, in the words of its note. */
export type SloOnlyArtefact = 'rules' | 'dashboards';

const WHY: Record<SloOnlyArtefact, string> = {
  rules: 'has no burn-rate rules: it has no error budget to burn (a value alert is not written yet)',
  dashboards:
    'gets its executive view only: the on-call and debug dashboards show burn rates and error budgets, which only ' +
    'SLOs have',
};

/** One note per published value KPI (or the one asked for by id), naming it: `kpis[3] (checkout-conversion): …`. */
export function valueKpiNotes(kpis: readonly CatalogKpi[], artefact: SloOnlyArtefact, onlyId?: string): string[] {
  return kpis.flatMap((kpi, index) =>
    isValueKpi(kpi) && (onlyId === undefined ? kpi.status === 'published' : kpi.id === onlyId)
      ? [`note: kpis[${index}] (${kpi.id}): a value KPI ${WHY[artefact]}`]
      : []
  );
}
