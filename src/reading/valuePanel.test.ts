import { FieldType, toDataFrame, type DataFrame } from '@grafana/data';
import { defaultKpiPanelOptions, type KpiPanelOptions } from './panelOptions';
import { catalogValueKpi, evaluateValuePanel } from './valuePanel';
import { evaluateValueFrames } from './valueFrames';
import { alignedToStep, valuePanelQueryOptions, valueQueryStep } from './valueStep';
import { describeFrameNote } from './frameMessages';
import { checkoutConversionKpi } from '../testing/valueKpis';
import { weeklyOrdersSqlKpi } from '../testing/shopSqlKpis';

const HOUR_MS = 3_600_000;
const STEP_MS = 300_000;
const AT_MS = Date.UTC(2026, 10, 10, 12, 0);

const CONVERSION = checkoutConversionKpi({ window: '1h' });

const OPTIONS: KpiPanelOptions = { ...defaultKpiPanelOptions, kpiId: CONVERSION.id, goodRefId: 'O', totalRefId: 'C' };

/** 24 steps of 5m ending at AT: the hour before last in the first 12, the last hour in the next 12. */
const times = Array.from({ length: 24 }, (_, i) => AT_MS - 2 * HOUR_MS + (i + 1) * STEP_MS);

function frame(refId: string, values: number[], from = 0): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: times.slice(from), config: { interval: STEP_MS } },
      { name: 'Value', type: FieldType.number, values: values.slice(from) },
    ],
  });
}

const repeat = (value: number, count: number) => new Array<number>(count).fill(value);
/** Orders per second: 0.25 in the hour before, then 0.3 for 6 steps and 0.42 for 6. */
const ORDERS = [...repeat(0.25, 12), ...repeat(0.3, 6), ...repeat(0.42, 6)];
/** Carts per second: 10 throughout. */
const CARTS = repeat(10, 24);

const twoHours = { fromMs: AT_MS - 2 * HOUR_MS, toMs: AT_MS };

function evaluate(series: DataFrame[], timeRange = twoHours, options = OPTIONS) {
  const result = evaluateValuePanel(CONVERSION, options, { series, timeRange, queriedRefIds: ['O', 'C'] });
  if (!result.ok) {
    throw new Error(result.problem.detail);
  }
  return result.value;
}

describe('a value KPI in the panel', () => {
  test('reads the numerator and denominator from the queries the options name, as Σ/Σ over the hour', () => {
    const { reading, line, stepMs, neededRangeMs } = evaluate([frame('O', ORDERS), frame('C', CARTS)]);
    // Last hour: (6 × 0.3 + 6 × 0.42) / (12 × 10) = 4.32 / 120 = 0.036; the hour before: 0.25 / 10 = 0.025.
    expect(reading.evaluation.value).toBeCloseTo(0.036, 12);
    expect(reading.evaluation.previousValue).toBeCloseTo(0.025, 12);
    expect(reading.evaluation.change?.relative).toBeCloseTo(0.44, 12);
    expect(reading.evaluation.change?.better).toBe(true);
    expect(reading.evaluation.status).toBe('on-track');
    expect([stepMs, neededRangeMs]).toEqual([STEP_MS, 2 * HOUR_MS]);
    // The line runs 0.03 for the first half hour and ends at the judged value.
    expect(line?.values.length).toBe(12);
    expect(line?.values[5]).toBeCloseTo(0.03, 12);
    expect(line?.values[11]).toBeCloseTo(0.036, 12);
  });

  test('a range that covers this hour but not the one before gives the value and no change', () => {
    const lastHour = { fromMs: AT_MS - HOUR_MS, toMs: AT_MS };
    const { reading } = evaluate([frame('O', ORDERS, 12), frame('C', CARTS, 12)], lastHour);
    expect(reading.evaluation.value).toBeCloseTo(0.036, 12);
    expect([reading.evaluation.previousValue, reading.evaluation.change]).toEqual([null, null]);
  });

  test('a range shorter than the period is no-data that names the range to set, not a part read as the whole', () => {
    const halfHour = { fromMs: AT_MS - HOUR_MS / 2, toMs: AT_MS };
    const { reading, line } = evaluate([frame('O', ORDERS, 18), frame('C', CARTS, 18)], halfHour);
    expect(reading.evaluation.status).toBe('no-data');
    expect(reading.evaluation.value).toBeNull();
    expect(reading.evaluation.reason).toBe(
      'the panel’s time range starts after last 1h began: set it to the last 2h or more'
    );
    expect(line).toBeUndefined();
  });

  test('queries the options do not name are a problem that says which fields and what to pick', () => {
    const result = evaluateValuePanel(CONVERSION, OPTIONS, {
      series: [frame('A', ORDERS), frame('B', CARTS)],
      timeRange: twoHours,
      queriedRefIds: ['A', 'B'],
    });
    expect(result.ok ? undefined : result.problem).toMatchObject({
      title: 'Choose the value KPI’s queries',
      detail:
        'The panel has no query for numerator (query O), denominator (query C). In the panel options, pick the ' +
        'queries (refIds) that return the numerator and the denominator of "checkout-conversion".',
    });
  });

  test('a query that returned nothing is no-data, not a problem with the options', () => {
    const { reading } = evaluate([frame('C', CARTS)]);
    expect(reading.evaluation.status).toBe('no-data');
    expect(reading.evaluation.reason).toBe('no samples of numerator and denominator over last 1h');
  });

  test('without the frames’ interval the step comes from their timestamps', () => {
    const bare = (refId: string, values: number[]) =>
      toDataFrame({
        refId,
        fields: [
          { name: 'Time', type: FieldType.time, values: times },
          { name: 'Value', type: FieldType.number, values },
        ],
      });
    const { reading, stepMs } = evaluate([bare('O', ORDERS), bare('C', CARTS)]);
    expect(stepMs).toBe(STEP_MS);
    expect(reading.evaluation.value).toBeCloseTo(0.036, 12);
  });
});

describe('catalogValueKpi', () => {
  const loaded = { status: 'loaded' as const, catalog: { kpis: [CONVERSION], problems: [] } };
  test.each<[string, Partial<KpiPanelOptions>, typeof loaded | { status: 'loading' }, string | undefined]>([
    ['a catalog panel on a value KPI', {}, loaded, CONVERSION.id],
    ['a manual panel', { source: 'manual' }, loaded, undefined],
    ['an SLO or unknown id', { kpiId: 'checkout-availability' }, loaded, undefined],
    ['a catalog still loading', {}, { status: 'loading' }, undefined],
  ])('%s', (_name, change, catalog, id) => {
    expect(catalogValueKpi({ ...OPTIONS, ...change }, catalog)?.id).toBe(id);
  });
});

describe('a Berlin month in the panel and in the catalog row', () => {
  // 20 Nov 2026 10:00 UTC (11:00 in Berlin): November so far is 467 hours, from 1 Nov 00:00 Berlin (31 Oct 23:00 UTC).
  const AT = Date.UTC(2026, 10, 20, 10, 0);
  const NOVEMBER_START = Date.UTC(2026, 9, 31, 23, 0);
  const OCTOBER_START = Date.UTC(2026, 8, 30, 22, 0);
  const MONTH = checkoutConversionKpi({ window: { calendar: 'month', timeZone: 'Europe/Berlin' } });
  const options = { ...defaultKpiPanelOptions, kpiId: MONTH.id, goodRefId: 'A', totalRefId: 'B' };

  /**
   * Hourly rates from a day before October to AT, as Grafana answers at a 1h step: carts 10/s throughout; orders
   * 0.3/s up to the hour ending 10 Nov 23:00 UTC (240 hours into November), 0.36/s after; 0.27/s in October.
   */
  function hourly(refId: string, rate: (endMs: number) => number, stepMs = HOUR_MS): DataFrame {
    const times: number[] = [];
    for (let t = OCTOBER_START - 24 * HOUR_MS; t <= AT; t += stepMs) {
      times.push(t);
    }
    return toDataFrame({
      refId,
      fields: [
        { name: 'Time', type: FieldType.time, values: times, config: { interval: stepMs } },
        { name: 'Value', type: FieldType.number, values: times.map(rate) },
      ],
    });
  }
  const orders = (endMs: number) =>
    endMs <= NOVEMBER_START ? 0.27 : endMs <= NOVEMBER_START + 240 * HOUR_MS ? 0.3 : 0.36;
  const carts = () => 10;

  test('the Query options that give the app’s step: Min interval 1h, 1,512 points, 63 days back', () => {
    // Two longest months and a day: 63 days, at most 2,000 points from 30m up: an hour (1,512 points).
    expect(valuePanelQueryOptions(MONTH.objective.window, AT)).toEqual({
      minInterval: '1h',
      maxDataPoints: 1512,
      relativeTime: '63d',
    });
  });

  test('at the app’s step the panel gives the row’s value: (240 × 0.3 + 227 × 0.36) / (467 × 10)', () => {
    const step = valueQueryStep(MONTH.objective.window, AT)!;
    expect(step).toEqual({ stepMs: HOUR_MS, utcOffsetSec: 3600 });
    const row = evaluateValueFrames(MONTH, [hourly('numerator', orders), hourly('denominator', carts)], {
      atMs: alignedToStep(AT, step),
      stepMs: step.stepMs,
    }).evaluation;
    const panel = evaluateValuePanel(MONTH, options, {
      series: [hourly('A', orders), hourly('B', carts)],
      timeRange: { fromMs: AT - 63 * 24 * HOUR_MS, toMs: AT },
      queriedRefIds: ['A', 'B'],
    });
    if (!panel.ok) {
      throw new Error(panel.problem.detail);
    }
    const expected = (240 * 0.3 + 227 * 0.36) / (467 * 10);
    expect(row.value).toBeCloseTo(expected, 12);
    expect(panel.value.reading.evaluation.value).toBe(row.value);
    expect(panel.value.reading.evaluation.previousValue).toBe(row.previousValue);
    expect(row.previousValue).toBeCloseTo(0.027, 12);
    expect(panel.value.notes).toEqual([]);
  });

  test('at another step the panel says which Query options give the row’s', () => {
    const panel = evaluateValuePanel(MONTH, options, {
      series: [hourly('A', orders, 2 * HOUR_MS), hourly('B', carts, 2 * HOUR_MS)],
      timeRange: { fromMs: AT - 63 * 24 * HOUR_MS, toMs: AT },
      queriedRefIds: ['A', 'B'],
    });
    if (!panel.ok) {
      throw new Error(panel.problem.detail);
    }
    expect(panel.value.notes).toEqual([
      {
        code: 'not-the-shared-step',
        stepMs: 2 * HOUR_MS,
        options: { minInterval: '1h', maxDataPoints: 1512, relativeTime: '63d' },
      },
    ]);
    expect(describeFrameNote(panel.value.notes[0])).toBe(
      'Read at a 2h step, where the catalog, the KPI page and the report read this KPI at 1h, so their value can ' +
        "differ: set the panel's Query options to Min interval 1h, Max data points 1512 or more, and Relative time 63d."
    );
  });
});

describe('a SQL sum in the panel', () => {
  // 6 Dec 2026 06:40 UTC: Grafana's 30m buckets put the evaluation instant at 06:30.
  const AT = Date.UTC(2026, 11, 6, 6, 40);
  const MINUTE_MS = 60_000;
  const DAY_MS = 24 * HOUR_MS;
  const ORDERS_KPI = weeklyOrdersSqlKpi();
  const options = { ...defaultKpiPanelOptions, kpiId: ORDERS_KPI.id, valueRefId: 'A' };
  const bucketStart = (ms: number) => Math.floor(ms / (30 * MINUTE_MS)) * 30 * MINUTE_MS;

  /**
   * `count(*)` per 30m `$__timeGroupAlias` bucket, as Grafana's SQL backend answers: rows named by their bucket's
   * start, only where there were orders, without an `interval`. 500 orders ten days back (the week before), 400
   * three days back and 200 an hour back (this week): the gaps between the rows (7d, then 2d 23h) are quiet time.
   */
  const orders = toDataFrame({
    refId: 'A',
    fields: [
      {
        name: 'time',
        type: FieldType.time,
        values: [AT - 10 * DAY_MS, AT - 3 * DAY_MS, AT - HOUR_MS].map(bucketStart),
      },
      { name: 'orders', type: FieldType.number, values: [500, 400, 200] },
    ],
  });

  test('reads the request’s bucket, not the gaps between rows: 400 + 200 = 600 this week, up 20 % on 500', () => {
    const panel = evaluateValuePanel(ORDERS_KPI, options, {
      series: [orders],
      timeRange: { fromMs: AT - 15 * DAY_MS, toMs: AT },
      fallbackStepMs: 30 * MINUTE_MS,
      queriedRefIds: ['A'],
    });
    if (!panel.ok) {
      throw new Error(panel.problem.detail);
    }
    const { reading, stepMs, notes } = panel.value;
    expect(stepMs).toBe(30 * MINUTE_MS);
    expect(reading.evaluation.evaluatedAtMs).toBe(Date.UTC(2026, 11, 6, 6, 30));
    expect(reading.evaluation.value).toBeCloseTo(600, 9);
    expect(reading.evaluation.previousValue).toBeCloseTo(500, 9);
    expect(reading.evaluation.change?.relative).toBeCloseTo(0.2, 12);
    expect(notes).toEqual([]);
  });
});
