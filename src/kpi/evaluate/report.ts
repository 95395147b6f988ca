/**
 * The KPI report: for one calendar period (this or last week, month or quarter, in a time zone), each KPI's
 * attainment against its target, the share of its error budget the period spent, the change against the period
 * before, and its owner; as rows for the page and as CSV for a spreadsheet. Pure: the numbers come in as error
 * ratios over the period (reportQuery.ts asks the data source for them).
 */
import { type CalendarUnit, type CatalogKpi } from '../model';
import { calendarPeriodAt, previousCalendarPeriod, type Period } from '../time';

export const REPORT_PERIODS = [
  'this-week',
  'last-week',
  'this-month',
  'last-month',
  'this-quarter',
  'last-quarter',
] as const;
export type ReportPeriodChoice = (typeof REPORT_PERIODS)[number];

export interface ReportPeriod {
  choice: ReportPeriodChoice;
  timeZone: string;
  /** "last month", "this quarter". */
  label: string;
  startMs: number;
  /** The period's end, or now for the period still running. */
  endMs: number;
  /** False while the period is still running: its numbers are "so far". */
  complete: boolean;
  /** The whole period before it, for the change. */
  previous: Period;
}

/** The period a choice names at `nowMs`, in `timeZone`. */
export function reportPeriod(choice: ReportPeriodChoice, timeZone: string, nowMs: number): ReportPeriod {
  const [which, unit] = choice.split('-') as ['this' | 'last', CalendarUnit];
  const period =
    which === 'this' ? calendarPeriodAt(unit, timeZone, nowMs) : previousCalendarPeriod(unit, timeZone, nowMs);
  const complete = period.endMs <= nowMs;
  return {
    choice,
    timeZone,
    label: `${which} ${unit}`,
    startMs: period.startMs,
    endMs: complete ? period.endMs : nowMs,
    complete,
    previous: previousCalendarPeriod(unit, timeZone, period.startMs),
  };
}

export interface ReportRow {
  kpi: CatalogKpi;
  /** `ok` with numbers; `no-traffic` (0 events: never 100 %), `no-data` or `error` without. */
  state: 'ok' | 'no-traffic' | 'no-data' | 'error';
  error?: string;
  sli: number | null;
  /** SLI at or above the target. */
  met: boolean | null;
  /** bad / ((1 − target) × all): 1 is the whole budget of the period, above 1 overspent. */
  budgetSpent: number | null;
  previousSli: number | null;
  /** SLI minus the previous period's SLI. */
  change: number | null;
}

/**
 * A row from the error ratios over the period and over the one before: null is no data, NaN (0/0) no traffic.
 */
export function reportRowOf(kpi: CatalogKpi, errorRatio: number | null, previousErrorRatio: number | null): ReportRow {
  const previousSli = sliOfErrorRatio(previousErrorRatio);
  if (errorRatio === null || Number.isNaN(errorRatio)) {
    return {
      kpi,
      state: errorRatio === null ? 'no-data' : 'no-traffic',
      sli: null,
      met: null,
      budgetSpent: null,
      previousSli,
      change: null,
    };
  }
  const sli = sliOfErrorRatio(errorRatio)!;
  const target = kpi.objective.target;
  return {
    kpi,
    state: 'ok',
    sli,
    met: sli >= target,
    budgetSpent: (1 - sli) / (1 - target),
    previousSli,
    change: previousSli === null ? null : sli - previousSli,
  };
}

/**
 * The SLI an instant error ratio stands for: null without data (null) or without traffic (NaN, 0/0), never 100 %.
 * Ratios a hair outside [0, 1] (float dust of a query) are clamped. The catalog's last-period column reads it too.
 */
export function sliOfErrorRatio(errorRatio: number | null): number | null {
  return errorRatio === null || Number.isNaN(errorRatio) ? null : 1 - Math.min(Math.max(errorRatio, 0), 1);
}

/** A row whose queries failed, with the data source's words. */
export function failedReportRow(kpi: CatalogKpi, error: string): ReportRow {
  return { kpi, state: 'error', error, sli: null, met: null, budgetSpent: null, previousSli: null, change: null };
}

const CSV_COLUMNS = [
  'kpi_id',
  'name',
  'owner',
  'period',
  'period_start',
  'period_end',
  'complete',
  'target',
  'sli',
  'met',
  'budget_spent',
  'previous_sli',
  'change',
  'state',
] as const;

/**
 * The report as CSV (RFC 4180, CRLF line ends): shares as decimals (0.9995, not "99.95 %") so a spreadsheet can
 * compute with them, times in ISO 8601 UTC, empty cells where there is no number. Catalog text that a spreadsheet
 * would run as a formula (=, +, -, @ first) is prefixed with a quote.
 */
export function reportCsv(period: ReportPeriod, rows: readonly ReportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      kpi_id: text(row.kpi.id),
      name: text(row.kpi.name),
      owner: text(row.kpi.owner),
      period: period.label,
      period_start: new Date(period.startMs).toISOString(),
      period_end: new Date(period.endMs).toISOString(),
      complete: String(period.complete),
      target: number(row.kpi.objective.target),
      sli: number(row.sli),
      met: row.met === null ? '' : String(row.met),
      budget_spent: number(row.budgetSpent),
      previous_sli: number(row.previousSli),
      change: number(row.change),
      state: row.state,
    };
    lines.push(CSV_COLUMNS.map((column) => quoted(cells[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function number(value: number | null): string {
  return value === null ? '' : String(Number(value.toPrecision(12)));
}

/** Text from the catalog: a leading =, +, -, @, tab or CR would make a spreadsheet run it. */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quoted(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
