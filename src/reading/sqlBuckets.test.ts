/**
 * SQL's range answers on the panel's path: one row per time bucket named by its start, counts rather than
 * per-second rates. Hand-made frames in the shape Grafana's SQL backend answers (e2e/contracts/ds-query-sql.md).
 */
import { FieldType, toDataFrame, type DataFrame } from '@grafana/data';
import { checkoutKpi } from '../testing/checkoutKpi';
import { describeFrameNote, describeFrameProblem } from './frameMessages';
import { countsFromFrames } from './frames';
import { evaluatePanel } from './evaluatePanel';
import { specForKpi } from './kpiSpec';
import { kpiRangeQueryModels, rangeReadingOf } from './dsQueryModels';

const MIN = 60_000;
const STEP = 5 * MIN;
const END = Date.UTC(2026, 10, 1, 12, 0);
/** Bucket starts, oldest first: starts(3) = [END-15m, END-10m, END-5m]. */
const starts = (count: number) => Array.from({ length: count }, (_, i) => END - (count - i) * STEP);
const POSTGRES = { type: 'grafana-postgresql-datasource', uid: 'postgres' };
const SQL = (column: string) =>
  `SELECT $__timeGroupAlias(created_at, $__interval), count(*) AS ${column} FROM shop.payments GROUP BY 1 ORDER BY 1`;

function sqlFrame(refId: string, times: unknown[], values: unknown[], valueType = FieldType.number): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: times },
      { name: refId, type: valueType, values },
    ],
  });
}

const sqlKpi = () =>
  checkoutKpi({
    id: 'payment-success',
    datasource: POSTGRES,
    indicator: { good: { rawSql: SQL('good') }, total: { rawSql: SQL('total') } },
    objective: { target: 0.9, window: '15m' },
    alerting: { policy: 'custom', rules: [{ severity: 'page', long: '10m', short: '5m', factor: 2 }] },
  });

const ratio = { type: 'ratio' as const, goodRefId: 'good', totalRefId: 'total', buckets: true };
const gridOptions = { timeRange: { fromMs: END - 15 * MIN, toMs: END }, minSpanMs: 15 * MIN };

describe('a bucket of counts lands at its end, as it is', () => {
  test('counts are not multiplied by the step, and each bucket is placed one step after its start', () => {
    const read = countsFromFrames(
      [sqlFrame('good', starts(3), [9, 8, 10]), sqlFrame('total', starts(3), [10, 10, 10])],
      ratio,
      gridOptions
    );
    expect(read.ok).toBe(true);
    const { counts } = read.ok ? read.result : ({} as never);
    expect(counts.grid.stepMs).toBe(STEP);
    // The grid ends at END; the bucket [END-5m, END) is at END.
    expect(counts.grid.startMs + (counts.grid.length - 1) * STEP).toBe(END);
    expect([...counts.good.slice(-3)]).toEqual([9, 8, 10]);
    expect([...counts.total.slice(-3)]).toEqual([10, 10, 10]);
  });

  test('the same frames read as PromQL rates would be 300 times as many events, one step earlier', () => {
    const read = countsFromFrames(
      [sqlFrame('good', starts(3), [9, 8, 10]), sqlFrame('total', starts(3), [10, 10, 10])],
      { ...ratio, buckets: false },
      gridOptions
    );
    const good = read.ok ? [...read.result.counts.good.slice(-3)] : [];
    // Rates × 300 s, each sample at its own time: the last step has none.
    expect(good).toEqual([2400, 3000, NaN]);
  });

  test('a bucket still filling, named by the range’s last step, falls off the grid', () => {
    const times = [...starts(3), END];
    const read = countsFromFrames(
      [sqlFrame('good', times, [9, 8, 10, 1]), sqlFrame('total', times, [10, 10, 10, 4])],
      ratio,
      { ...gridOptions, timeRange: { fromMs: END - 15 * MIN, toMs: END + 2 * MIN } }
    );
    const total = read.ok ? [...read.result.counts.total.slice(-3)] : [];
    expect(total).toEqual([10, 10, 10]);
  });

  test('rows out of order are placed by their time; a duplicate bucket is noted and the last row wins', () => {
    const times = [starts(3)[2], starts(3)[0], starts(3)[1], starts(3)[1]];
    const read = countsFromFrames(
      [sqlFrame('good', times, [10, 9, 7, 8]), sqlFrame('total', starts(3), [10, 10, 10])],
      ratio,
      gridOptions
    );
    expect(read.ok).toBe(true);
    const { counts, aligned } = read.ok ? read.result : ({} as never);
    expect([...counts.good.slice(-3)]).toEqual([9, 8, 10]);
    expect(aligned.notes.map(describeFrameNote)).toEqual([expect.stringContaining('"good"')]);
  });
});

describe('bad SQL answers are named', () => {
  test('a frame without a time column is a problem naming the query', () => {
    const noTime = toDataFrame({ refId: 'good', fields: [{ name: 'n', type: FieldType.number, values: [1] }] });
    const read = countsFromFrames([noTime, sqlFrame('total', starts(1), [1])], ratio, gridOptions);
    expect(read.ok ? '' : describeFrameProblem(read.problem)).toContain('"good"');
  });

  test('a text value column is read around and noted, never counted', () => {
    const read = countsFromFrames(
      [sqlFrame('good', starts(2), ['paid', 'paid'], FieldType.string), sqlFrame('total', starts(2), [3, 4])],
      ratio,
      gridOptions
    );
    expect(read.ok).toBe(true);
    const { counts, aligned } = read.ok ? read.result : ({} as never);
    expect(counts.good.slice(-2).every(Number.isNaN)).toBe(true);
    expect(aligned.notes.map(describeFrameNote).join(' ')).toContain('paid');
  });
});

describe('a SQL KPI evaluated on the panel’s path', () => {
  test('SLI and burn rates from bucket counts, worked by hand', () => {
    const kpi = sqlKpi();
    const spec = specForKpi(kpi, ['good', 'total'], true);
    expect(spec.queries).toEqual(ratio);
    const checked = evaluatePanel(spec, {
      series: [sqlFrame('good', starts(3), [9, 8, 10]), sqlFrame('total', starts(3), [10, 10, 10])],
      timeRange: { fromMs: END - 15 * MIN, toMs: END },
      queriedRefIds: ['good', 'total'],
    });
    expect(checked.ok).toBe(true);
    const { evaluation } = checked.ok ? checked.value : ({} as never);
    // 15m: 27 of 30 good, SLI 0.9; 10m: 2 bad of 20, error ratio 0.1 / budget 0.1 = burn 1; 5m: 0 bad, burn 0.
    expect(evaluation.sli).toBeCloseTo(0.9, 12);
    expect(evaluation.burnRates['10m']).toBeCloseTo(1, 12);
    expect(evaluation.burnRates['5m']).toBe(0);
  });
});

describe('the range queries sent for it', () => {
  test('a SQL KPI’s queries go as stored, with the step and point budget', () => {
    const queries = kpiRangeQueryModels(sqlKpi(), { stepMs: STEP, spanMs: 15 * MIN });
    expect(queries).toEqual([
      { rawSql: SQL('good'), refId: 'good', datasource: POSTGRES, intervalMs: STEP, maxDataPoints: 4 },
      { rawSql: SQL('total'), refId: 'total', datasource: POSTGRES, intervalMs: STEP, maxDataPoints: 4 },
    ]);
  });

  test('a PromQL KPI’s queries are range queries of their expr at the step, with no min step to skew $__rate_interval', () => {
    const [good] = kpiRangeQueryModels(checkoutKpi(), { stepMs: STEP, spanMs: 15 * MIN, refIdPrefix: 'k0-' });
    expect(good).toMatchObject({
      refId: 'k0-good',
      expr: (checkoutKpi().indicator as { good: string }).good,
      range: true,
      intervalMs: STEP,
      maxDataPoints: 4,
    });
    expect(good).not.toHaveProperty('interval');
  });

  test.each([
    [POSTGRES, { language: 'sql', bucketStart: true, rates: false }],
    [
      { type: 'prometheus', uid: 'p' },
      { language: 'promql', bucketStart: false, rates: true },
    ],
    [
      { type: 'influxdb', uid: 'i' },
      { language: 'opaque', bucketStart: true, rates: false },
    ],
  ])('%j is read as %j', (datasource, reading) => {
    expect(rangeReadingOf(datasource)).toEqual(reading);
  });
});

describe('a bucket without a row held no events', () => {
  const spaced = { ...gridOptions, fallbackStepMs: STEP };

  test('rows 10 minutes apart on a 5m request are 5m buckets with a quiet one between, read as 0, not a gap', () => {
    const times = [END - 15 * MIN, END - 5 * MIN];
    const read = countsFromFrames(
      [sqlFrame('good', times, [9, 10]), sqlFrame('total', times, [10, 10])],
      ratio,
      spaced
    );
    expect(read.ok).toBe(true);
    const { counts } = read.ok ? read.result : ({} as never);
    // The step is the request's, not the 10 minutes between rows.
    expect(counts.grid.stepMs).toBe(STEP);
    expect([...counts.good.slice(-3)]).toEqual([9, 0, 10]);
    expect([...counts.total.slice(-3)]).toEqual([10, 0, 10]);
  });

  test('a query that answered no rows at all is no traffic over the window; one that was not answered is no data', () => {
    const empty = (refId: string) => sqlFrame(refId, [], []);
    const answered = evaluatePanel(specForKpi(sqlKpi(), ['good', 'total'], true), {
      series: [empty('good'), empty('total')],
      timeRange: spaced.timeRange,
      fallbackStepMs: STEP,
      queriedRefIds: ['good', 'total'],
    });
    expect(answered.ok && answered.value.evaluation.status).toBe('no-traffic');

    const unanswered = evaluatePanel(specForKpi(sqlKpi(), ['good', 'total'], true), {
      series: [],
      timeRange: spaced.timeRange,
      fallbackStepMs: STEP,
      queriedRefIds: ['good', 'total'],
    });
    expect(unanswered.ok && unanswered.value.evaluation.status).toBe('no-data');
  });
});
