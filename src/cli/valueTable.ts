/**
 * The value KPIs' part of `northstar eval`'s table: value in its unit, target, direction, status, change against
 * the previous period and forecast. Units are written the way Grafana's common ones read; any other unit id
 * follows the number ("12.5 celsius"), which is plain but never wrong.
 */
import { type CatalogKpi, isValueKpi, type ValueKpiDefinition } from '../kpi/model';
import { isCalendarWindow } from '../kpi/time';
import type { ValueEvalRow } from './evaluateValueKpi';

const CURRENCY_SYMBOLS: Record<string, string> = {
  currencyUSD: '$',
  currencyEUR: '€',
  currencyGBP: '£',
  currencyJPY: '¥',
  currencyCHF: 'CHF ',
};

/** Four significant digits, grouped: 0.02913, 1,234,000, 3.142. */
function compact(value: number): string {
  return Number(value.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** A number in a Grafana unit, as a person reads it: 2.913%, $1,234,000, 12.5 s. */
export function formatInUnit(value: number | null, unit: string): string {
  if (value === null) {
    return '—';
  }
  if (unit === 'percentunit') {
    return `${compact(value * 100)}%`;
  }
  if (unit === 'percent') {
    return `${compact(value)}%`;
  }
  const symbol = CURRENCY_SYMBOLS[unit];
  if (symbol !== undefined) {
    return `${value < 0 ? '-' : ''}${symbol}${compact(Math.abs(value))}`;
  }
  if (unit === 'none' || unit === 'short' || unit === 'string') {
    return compact(value);
  }
  const custom = /^(suffix|prefix|currency|si|count):(.*)$/.exec(unit);
  if (custom) {
    return custom[1] === 'prefix' || custom[1] === 'currency'
      ? `${custom[2]}${compact(value)}`
      : `${compact(value)} ${custom[2]}`;
  }
  return `${compact(value)} ${unit}`;
}

/** "+0.4% (+14.3%, better)": the change in the unit, relative, and whether it goes the good way. */
function changeText(row: ValueEvalRow): string {
  if (row.change === null) {
    return '—';
  }
  const { absolute, relative, better } = row.change;
  const signed = (text: string, value: number) => (value > 0 ? `+${text}` : text);
  const relativeText = relative === null ? '' : `${signed(compact(relative * 100), relative)}%, `;
  return `${signed(formatInUnit(absolute, row.unit), absolute)} (${relativeText}${better === null ? 'flat' : better ? 'better' : 'worse'})`;
}

/** "1 Nov", "28 Dec 2026": a day on the zone's wall clock, in English as the rest of the table. */
function dayText(ms: number, timeZone: string, withYear: boolean, withTime: boolean): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    timeZone,
  })
    .format(ms)
    .replace(',', '');
}

/**
 * The period as its owner reads it: a calendar period's first and last day in the KPI's zone ("1 Nov – 30 Nov 2026
 * (Europe/Berlin)"), a rolling one's instants in UTC ("18 Nov 12:07 – 25 Nov 12:07 2026 (UTC)"). --json keeps the
 * ISO instants.
 */
function periodText(row: ValueEvalRow, kpi: ValueKpiDefinition | undefined): string {
  if (kpi === undefined) {
    return `${row.periodStart} – ${row.periodEnd}`;
  }
  const { window } = kpi.objective;
  const calendar = isCalendarWindow(window);
  const timeZone = calendar ? window.timeZone : 'UTC';
  const startMs = Date.parse(row.periodStart);
  // A calendar period ends at the next one's first instant: its last day is the day before.
  const endMs = Date.parse(row.periodEnd) - (calendar ? 1 : 0);
  const year = (ms: number) => dayText(ms, timeZone, true, false).slice(-4);
  const sameYear = year(startMs) === year(endMs);
  const first = dayText(startMs, timeZone, !sameYear, !calendar);
  const last = dayText(endMs, timeZone, false, !calendar);
  return `${first} – ${last} ${year(endMs)} (${timeZone})`;
}

/**
 * A forecast only where it says something the value does not: a total (`sum`) over a calendar period still under
 * way. Elsewhere the engine's forecast is the value itself, so the column shows a dash.
 */
function forecastText(row: ValueEvalRow, kpi: ValueKpiDefinition | undefined): string {
  const underWay = Date.parse(row.evaluatedAt) < Date.parse(row.periodEnd);
  const projects =
    kpi !== undefined && kpi.indicator.aggregation === 'sum' && isCalendarWindow(kpi.objective.window) && underWay;
  return projects ? formatInUnit(row.forecast, row.unit) : '—';
}

const HEADER = ['KPI', 'VERSION', 'STATUS', 'VALUE', 'TARGET', 'DIRECTION', 'CHANGE', 'FORECAST', 'PERIOD'];

/** One line per value KPI under its own header, read with its KPI in `kpis`; reasons and errors follow the table. */
export function formatValueTable(rows: readonly ValueEvalRow[], kpis: readonly CatalogKpi[]): string[] {
  if (rows.length === 0) {
    return [];
  }
  const kpiOf = (row: ValueEvalRow) => kpis.filter(isValueKpi).find((kpi) => kpi.id === row.id);
  const lines = rows.map((row) => [
    row.id,
    String(row.version),
    row.status,
    formatInUnit(row.value, row.unit),
    formatInUnit(row.target, row.unit),
    row.direction === 'higher' ? '↑ higher' : '↓ lower',
    changeText(row),
    forecastText(row, kpiOf(row)),
    periodText(row, kpiOf(row)),
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const notes = rows.flatMap((row) => {
    const why = row.error ?? row.reason;
    return why === undefined ? [] : [`${row.id}: ${why}`];
  });
  return [render(HEADER), ...lines.map(render), ...notes];
}
