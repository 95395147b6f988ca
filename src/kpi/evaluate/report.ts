/**
 * The KPI report: for one calendar period (this or last week, month or quarter, in a time zone), each KPI's
 * attainment against its target, the share of its error budget the period spent, the change against the period
 * before, and its owner; as rows for the page and as CSV for a spreadsheet. Pure: the numbers come in as error
 * ratios over the period (reportQuery.ts asks the data source for them), or for a value KPI as its evaluation over
 * the period (reportValues.ts).
 */
import { type CalendarUnit, type CatalogKpi, isValueKpi, type ValueKpiDefinition } from '../model';
import { calendarPeriodAt, formatDuration, isCalendarWindow, previousCalendarPeriod, type Period } from '../time';
import type { ValueEvaluation } from './valueEvaluation';
import type { ValuePeriods } from './valuePeriods';

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
  /** The period's whole end: endMs once it is over, in the future while it runs. */
  fullEndMs: number;
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
    fullEndMs: period.endMs,
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
  /** A value KPI's figures, instead of an SLI's (sli, budgetSpent, previousSli and change are then null). */
  value?: ValueReportFigures;
}

/** A value KPI over the report's period: its evaluation there, judged against its target by direction. */
export interface ValueReportFigures {
  evaluation: ValueEvaluation;
  /**
   * Why `met` is not said: a total's target is per its own window ("per month"), so a quarter's total against it
   * would pass or fail for the wrong reason.
   */
  notComparable?: string;
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

/**
 * The report's period and the one before as a value KPI's periods, on a grid of `stepMs` (a divisor of the
 * periods' bounds) from the previous period's start to the report's end: what its range queries are read on.
 */
export function reportValuePeriods(period: ReportPeriod, stepMs: number): ValuePeriods {
  const { previous } = period;
  const length = Math.max(1, Math.floor((period.endMs - previous.startMs) / stepMs + 1e-9));
  const grid = { startMs: previous.startMs + stepMs, stepMs, length };
  const [which, unit] = period.choice.split('-');
  return {
    current: { startMs: period.startMs, endMs: period.fullEndMs, label: period.label },
    previous: { ...previous, label: `the ${unit} before ${which === 'this' ? 'it' : 'that'}` },
    measuredUntilMs: grid.startMs + (grid.length - 1) * stepMs,
    grid,
  };
}

/**
 * The periods a value KPI's report row compares. A total whose target is per another window (weekly orders in a
 * month's report) is not judged, so its pace to the month's end stands for nothing, and a month so far against the
 * whole month before would read a week's orders against a month's: while the period runs, such a total is measured
 * so far and compared with the same span of the period before (1–6 December against 1–6 November), like with like.
 * Every other row keeps the report's periods.
 */
export function comparedValuePeriods(
  kpi: ValueKpiDefinition,
  periods: ValuePeriods,
  period: ReportPeriod
): ValuePeriods {
  if (period.complete || totalPerOtherPeriod(kpi, period) === undefined) {
    return periods;
  }
  const { current, previous, measuredUntilMs } = periods;
  const spanMs = Math.max(0, measuredUntilMs - current.startMs);
  const unit = period.choice.split('-')[1];
  return {
    ...periods,
    current: { ...current, endMs: measuredUntilMs },
    previous: {
      startMs: previous.startMs,
      endMs: previous.startMs + spanMs,
      label: `the first ${formatDuration(spanMs)} of the ${unit} before`,
    },
  };
}

/**
 * A value KPI's row: met when the judged number (the value, or for a total under way its forecast) is at or past
 * the target by direction; at-risk is a miss. A total whose window is not the report's period unit says so instead.
 */
export function valueReportRowOf(
  kpi: ValueKpiDefinition,
  evaluation: ValueEvaluation,
  period: ReportPeriod
): ReportRow {
  const notComparable = totalPerOtherPeriod(kpi, period);
  const judged =
    evaluation.status === 'on-track' || evaluation.status === 'at-risk' || evaluation.status === 'off-track';
  return {
    kpi,
    state: evaluation.value === null ? 'no-data' : 'ok',
    sli: null,
    met: judged && notComparable === undefined ? evaluation.status === 'on-track' : null,
    budgetSpent: null,
    previousSli: null,
    change: null,
    value: { evaluation, ...(notComparable === undefined ? {} : { notComparable }) },
  };
}

function totalPerOtherPeriod(kpi: ValueKpiDefinition, period: ReportPeriod): string | undefined {
  const { window } = kpi.objective;
  if (kpi.indicator.aggregation !== 'sum') {
    return undefined;
  }
  const unit = period.choice.split('-')[1];
  if (isCalendarWindow(window) && window.calendar === unit) {
    return undefined;
  }
  return `the target is a total per ${isCalendarWindow(window) ? window.calendar : window}, not per ${unit}`;
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
  'kind',
  'unit',
  'direction',
  'value',
  'previous_value',
  'value_change',
  'value_change_relative',
  'forecast',
  'check_ins',
] as const;

/** A check-in as the report lists it (src/kpi/catalog's CheckIn, which this room does not import). */
export interface ReportNote {
  date: string;
  login: string;
  text: string;
}

/**
 * The report as CSV (RFC 4180, CRLF line ends): shares as decimals (0.9995, not "99.95 %") so a spreadsheet can
 * compute with them, times in ISO 8601 UTC, empty cells where there is no number. Catalog text that a spreadsheet
 * would run as a formula (=, +, -, @ first) is prefixed with a quote. An SLO fills the SLI columns, a value KPI
 * (`kind` value) the value columns in its unit; `target` and `met` are either's. `check_ins` holds the KPI's notes
 * whose day is in the period, oldest first, as "2026-11-12 alice: text", separated by line breaks.
 */
export function reportCsv(
  period: ReportPeriod,
  rows: readonly ReportRow[],
  notes: ReadonlyMap<string, readonly ReportNote[]> = new Map()
): string {
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
      ...valueCells(row),
      check_ins: text(
        (notes.get(row.kpi.id) ?? []).map((note) => `${note.date} ${note.login}: ${note.text}`).join('\n')
      ),
    };
    lines.push(CSV_COLUMNS.map((column) => quoted(cells[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

type ValueColumn =
  'kind' | 'unit' | 'direction' | 'value' | 'previous_value' | 'value_change' | 'value_change_relative' | 'forecast';

function valueCells({ kpi, value }: ReportRow): Record<ValueColumn, string> {
  if (value === undefined || !isValueKpi(kpi)) {
    const empty = { unit: '', direction: '', value: '', previous_value: '', value_change: '', forecast: '' };
    return { kind: 'slo', ...empty, value_change_relative: '' };
  }
  const { evaluation } = value;
  return {
    kind: 'value',
    unit: text(kpi.indicator.unit),
    direction: kpi.objective.direction,
    value: number(evaluation.value),
    previous_value: number(evaluation.previousValue),
    value_change: number(evaluation.change?.absolute ?? null),
    value_change_relative: number(evaluation.change?.relative ?? null),
    forecast: number(evaluation.forecast),
  };
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
