/**
 * What the SLO-only commands say about the value KPIs they leave out: a value against a target has no error budget,
 * so it has no burn-rate rules and no on-call or debug dashboards. They say so on stderr and go on.
 */
import { type CatalogKpi, isValueKpi } from '../kpi/model';

/** The SLO-only artefacts a command writes, in the words of its note. */
export type SloOnlyArtefact = 'rules' | 'dashboards';

const WHY: Record<SloOnlyArtefact, string> = {
  rules: 'has no burn-rate rules: it has no error budget to burn (a value alert is not written yet)',
  dashboards: 'has no on-call or debug dashboards: they show burn rates and error budgets, which only SLOs have',
};

/** One note per published value KPI (or the one asked for by id), naming it: `kpis[3] (checkout-conversion): …`. */
export function valueKpiNotes(kpis: readonly CatalogKpi[], artefact: SloOnlyArtefact, onlyId?: string): string[] {
  return kpis.flatMap((kpi, index) =>
    isValueKpi(kpi) && (onlyId === undefined ? kpi.status === 'published' : kpi.id === onlyId)
      ? [`note: kpis[${index}] (${kpi.id}): a value KPI ${WHY[artefact]}`]
      : []
  );
}
