/**
 * A value KPI's numbers in words: the value and target in the KPI's unit (Grafana's unit formats), the change on
 * the previous period, and the forecast sentence the KPI page leads with. The numbers come from evaluateValue;
 * these functions only put them into text.
 */
import type { ValueChange, ValueEvaluation } from '../kpi/evaluate';
import type { ValueDirection, ValueKpiDefinition } from '../kpi/model';
import { isCalendarWindow } from '../kpi/time';
import { formatPercent, formatValue, MISSING } from './format';

/** "Higher is better": the words beside a direction arrow, for screen readers and the tooltip. */
export function directionWords(direction: ValueDirection): string {
  return direction === 'higher' ? 'Higher is better' : 'Lower is better';
}

/** "≥ 3%", "≤ $0.40": the target with the side that meets it. */
export function formatValueTarget(kpi: ValueKpiDefinition): string {
  const { direction, target } = kpi.objective;
  return `${direction === 'higher' ? '≥' : '≤'} ${formatValue(target, kpi.indicator.unit)}`;
}

/** What the change cell says when the previous period has no value to compare with. */
export const NO_PREVIOUS_PERIOD = 'no previous period';

/** The change as the share of the previous value ("+12.5%"), or in the unit when the previous value was 0. */
export function formatValueChange(change: ValueChange | null, unit: string): string {
  if (change === null) {
    return MISSING;
  }
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');
  if (change.relative === null) {
    return `${sign(change.absolute)}${formatValue(Math.abs(change.absolute), unit)}`;
  }
  return `${sign(change.relative)}${formatPercent(Math.abs(change.relative), 1)}`;
}

/** "Up 12.5% on last month: better." What the coloured change says, for screen readers and the tooltip. */
export function explainValueChange(evaluation: ValueEvaluation, unit: string): string {
  const { change, previousValue, previousPeriod } = evaluation;
  if (change === null) {
    return previousValue === null
      ? `No value for ${previousPeriod.label} to compare with.`
      : `No value for ${evaluation.period.label} to compare with ${previousPeriod.label}.`;
  }
  const way = change.absolute > 0 ? 'Up' : change.absolute < 0 ? 'Down' : 'No change';
  const judged = change.better === null ? '' : change.better ? ': better' : ': worse';
  const amount = change.absolute === 0 ? '' : ` ${formatValueChange(change, unit).slice(1)}`;
  return `${way}${amount} on ${previousPeriod.label} (${formatValue(previousValue, unit)})${judged}.`;
}

/** The period's last day in the KPI's zone and the user's locale: "30 Nov". */
function lastDayOf(evaluation: ValueEvaluation, kpi: ValueKpiDefinition, locale?: string): string {
  const { window } = kpi.objective;
  const timeZone = isCalendarWindow(window) ? window.timeZone : undefined;
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone }).format(
    new Date(evaluation.period.endMs - 1)
  );
}

/**
 * The KPI page's headline: "On pace for $1.2M by 30 Nov; target ≥ $1M" for a total under way (the status judges
 * the pace), "2.9% this month so far; target ≥ 3%" for every other value, or why there is none.
 */
export function forecastSentence(kpi: ValueKpiDefinition, evaluation: ValueEvaluation, locale?: string): string {
  const { unit } = kpi.indicator;
  const target = `target ${formatValueTarget(kpi)}`;
  if (evaluation.value === null || evaluation.forecast === null) {
    return `No value${evaluation.reason ? `: ${evaluation.reason}` : ` ${evaluation.period.label}`}; ${target}.`;
  }
  const underWay = evaluation.evaluatedAtMs < evaluation.period.endMs && isCalendarWindow(kpi.objective.window);
  if (kpi.indicator.aggregation === 'sum' && underWay) {
    return (
      `On pace for ${formatValue(evaluation.forecast, unit)} by ${lastDayOf(evaluation, kpi, locale)} ` +
      `(${formatValue(evaluation.value, unit)} so far); ${target}.`
    );
  }
  const soFar = underWay ? ' so far' : '';
  return `${formatValue(evaluation.value, unit)} ${evaluation.period.label}${soFar}; ${target}.`;
}
