/**
 * The value KPIs' part of `northstar eval`'s table: value in its unit, target, direction, status, change against
 * the previous period and forecast. Units are written the way Grafana's common ones read; any other unit id
 * follows the number ("12.5 celsius"), which is plain but never wrong.
 */
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

const HEADER = ['KPI', 'VERSION', 'STATUS', 'VALUE', 'TARGET', 'DIRECTION', 'CHANGE', 'FORECAST', 'PERIOD'];

/** One line per value KPI under its own header; reasons and errors follow the table. */
export function formatValueTable(rows: readonly ValueEvalRow[]): string[] {
  if (rows.length === 0) {
    return [];
  }
  const lines = rows.map((row) => [
    row.id,
    String(row.version),
    row.status,
    formatInUnit(row.value, row.unit),
    formatInUnit(row.target, row.unit),
    row.direction === 'higher' ? '↑ higher' : '↓ lower',
    changeText(row),
    formatInUnit(row.forecast, row.unit),
    `${row.periodStart.slice(0, 10)} → ${row.periodEnd.slice(0, 10)}`,
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
