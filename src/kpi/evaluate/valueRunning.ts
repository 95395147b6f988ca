/**
 * A value KPI's period as a line: at each step, the value the period would have if it ended there. For a ratio the
 * running Σ numerator / Σ denominator, for `mean`, `min`, `max` and `last` their running fold, and for `sum` either
 * the pace (the total so far at its run rate over the whole period, what a period under way is judged on) or the
 * running total (what a finished period is judged on). So the line ends at the number the status judges.
 */
import type { Grid } from '../time';
import type { ValueSeries } from './valueEvaluation';
import { slotsIn, type ValuePeriod } from './valuePeriods';
import { denseSeries, type ValueSeriesOrPoints } from './valuePoints';

/** The period's line: one value per step from the period's first slot, NaN until there is a sample. */
export interface ValueLine {
  grid: Grid;
  values: Float64Array;
  /** Each step is a sum's pace, the period's total at the run rate so far, not the value so far. */
  projected: boolean;
}

/** Running Σ/Σ over the steps where both sides have a sample, as the period's value counts them. */
function runningRatio(numerator: Float64Array, denominator: Float64Array, first: number, out: Float64Array): void {
  let sumNumerator = 0;
  let sumDenominator = 0;
  for (let i = 0; i < out.length; i++) {
    const n = numerator[first + i];
    const d = denominator[first + i];
    if (n === n && d === d) {
      sumNumerator += n;
      sumDenominator += d;
    }
    out[i] = sumDenominator === 0 ? NaN : sumNumerator / sumDenominator;
  }
}

/** Running fold of one query; a `sum` is its pace over `periodMs` (the total so far per measured second) or its total. */
function runningQuery(
  series: Extract<ValueSeries, { query: Float64Array }>,
  first: number,
  stepMs: number,
  periodMs: number | null,
  out: Float64Array
): void {
  const { query, aggregation } = series;
  let folded = NaN;
  let validSteps = 0;
  for (let i = 0; i < out.length; i++) {
    const v = query[first + i];
    if (v === v) {
      validSteps++;
      if (aggregation === 'sum' || aggregation === 'mean') {
        folded = (validSteps === 1 ? 0 : folded) + v;
      } else if (aggregation === 'min') {
        folded = validSteps === 1 ? v : Math.min(folded, v);
      } else if (aggregation === 'max') {
        folded = validSteps === 1 ? v : Math.max(folded, v);
      } else {
        folded = v;
      }
    }
    if (validSteps === 0) {
      out[i] = NaN;
    } else if (aggregation === 'sum') {
      const total = folded * (stepMs / 1000);
      out[i] = periodMs === null ? total : (total / (validSteps * stepMs)) * periodMs;
    } else {
      out[i] = aggregation === 'mean' ? folded / validSteps : folded;
    }
  }
}

/**
 * The line of `period` on the grid the series were read on, up to `untilMs` (the measured end of a period under
 * way). Steps marked in `excluded` (maintenance) are gaps, as the period's value leaves them out. A `sum` runs as
 * its pace while the period is under way and as its total once it is over, unless `sum` says which: a chart that
 * lays last month over this one compares pace with pace.
 */
export function valueLine(
  seriesOrPoints: ValueSeriesOrPoints,
  grid: Grid,
  period: ValuePeriod,
  untilMs: number,
  { excluded, sum = untilMs < period.endMs ? 'pace' : 'total' }: { excluded?: Uint8Array; sum?: 'pace' | 'total' } = {}
): ValueLine {
  const series = denseSeries(seriesOrPoints, grid.length);
  const { first, last } = slotsIn(grid, period.startMs, Math.min(period.endMs, untilMs));
  const length = Math.max(0, last - first + 1);
  const masked = (values: Float64Array) =>
    excluded === undefined ? values : values.map((v, i) => (excluded[i] === 1 ? NaN : v));
  const values = new Float64Array(length);
  let projected = false;
  if ('numerator' in series) {
    runningRatio(masked(series.numerator), series.denominator, first, values);
  } else {
    const periodMs = sum === 'pace' ? period.endMs - period.startMs : null;
    runningQuery({ ...series, query: masked(series.query) }, first, grid.stepMs, periodMs, values);
    projected = periodMs !== null && series.aggregation === 'sum';
  }
  return { grid: { startMs: grid.startMs + first * grid.stepMs, stepMs: grid.stepMs, length }, values, projected };
}
