/**
 * What the commands say on stderr about value KPIs, and go on: a value against a target has no error budget, so it
 * gets its executive view only (no on-call or debug dashboards), and its rules, in PromQL, which has no calendar,
 * read a calendar period as the rolling range of its length.
 */
import { isCalendarWindow, periodName } from '../kpi/time';
import { type CatalogKpi, isValueKpi, type ValueKpiDefinition } from '../kpi/model';
import { valueRangeText } from '../kpi/promql';

/** The artefacts a command writes, in the words of its note. */
export type ValueNoteArtefact = 'rules' | 'dashboards';

/** What to say of one value KPI, or nothing. */
const WHY: Record<ValueNoteArtefact, (kpi: ValueKpiDefinition) => string | undefined> = {
  rules: ({ objective }) =>
    isCalendarWindow(objective.window)
      ? `is judged over the rolling ${valueRangeText({ objective })} in the rules: PromQL has no calendar, so ` +
        `${periodName(objective.window.calendar, 'this')} reads as its length`
      : undefined,
  dashboards: () =>
    'gets its executive view only: the on-call and debug dashboards show burn rates and error budgets, which only ' +
    'SLOs have',
};

/** One note per published value KPI (or the one asked for by id), naming it: `kpis[3] (checkout-conversion): …`. */
export function valueKpiNotes(kpis: readonly CatalogKpi[], artefact: ValueNoteArtefact, onlyId?: string): string[] {
  return kpis.flatMap((kpi, index) => {
    const why = isValueKpi(kpi) && (onlyId === undefined ? kpi.status === 'published' : kpi.id === onlyId);
    const note = why ? WHY[artefact](kpi as ValueKpiDefinition) : undefined;
    return note === undefined ? [] : [`note: kpis[${index}] (${kpi.id}): a value KPI ${note}`];
  });
}
