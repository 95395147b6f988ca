import fc from 'fast-check';
import { FieldType, createDataFrame, toDataFrame, type DataFrame } from '@grafana/data';
import { countsFromRates } from '../kpi/evaluate';
import { toGrid } from '../kpi/time';
import { describeFrameNote, describeFrameProblem } from './frameMessages';
import {
  alignFrames,
  countsFromFrames,
  instanceCountsFromFrames,
  MAX_GRID_STEPS,
  type AlignResult,
  type FrameProblem,
  type GridOptions,
} from './frames';

const MINUTE = 60_000;
const END = Date.UTC(2026, 10, 1, 12, 0);

/** A time series frame; `interval` is what Grafana's Prometheus data source puts on the time field. */
function frame(refId: string, times: unknown[], values: unknown[], interval?: number): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: times, config: interval ? { interval } : {} },
      { name: 'Value', type: FieldType.number, values },
    ],
  });
}

/** Minutes before END, oldest first: minutesAgo(3) = [END-2m, END-1m, END]. */
const minutesAgo = (count: number) => Array.from({ length: count }, (_, i) => END - (count - 1 - i) * MINUTE);

const options = (overrides: Partial<GridOptions> = {}): GridOptions => ({
  timeRange: { fromMs: END - 4 * MINUTE, toMs: END },
  minSpanMs: 5 * MINUTE,
  ...overrides,
});

function problemOf(result: AlignResult): FrameProblem {
  if (result.ok) {
    throw new Error('expected a problem');
  }
  return result.problem;
}

function valuesOf(series: DataFrame[], refId: string, opts = options()) {
  const result = alignFrames(series, [refId], opts);
  if (!result.ok) {
    throw new Error(describeFrameProblem(result.problem));
  }
  return { values: Array.from(result.aligned.values[refId]), aligned: result.aligned };
}

describe('alignFrames: the grid', () => {
  test('ends at the end of the range and spans the SLO window when the range is shorter', () => {
    const { aligned } = valuesOf([frame('A', minutesAgo(5), [1, 2, 3, 4, 5], MINUTE)], 'A');
    expect(aligned.grid).toEqual({ startMs: END - 4 * MINUTE, stepMs: MINUTE, length: 5 });
    expect(aligned.stepSource).toBe('interval');
  });

  test('spans the whole range when it is longer than the SLO window', () => {
    const { aligned } = valuesOf([frame('A', minutesAgo(11), new Array(11).fill(1), MINUTE)], 'A', {
      ...options(),
      timeRange: { fromMs: END - 10 * MINUTE, toMs: END },
    });
    expect(aligned.grid.length).toBe(11);
  });

  test('keeps the data phase and leaves trailing gaps when the exporter stopped', () => {
    // Steps at 30 s past each minute; the range ends at 12:00:00, the last sample is from 11:56:30.
    const times = [END - 330_000, END - 270_000, END - 210_000];
    const { values, aligned } = valuesOf([frame('A', times, [1, 2, 3], MINUTE)], 'A');
    expect(aligned.grid.startMs + (aligned.grid.length - 1) * MINUTE).toBe(END - 30_000);
    expect(values.slice(-4)).toEqual([3, NaN, NaN, NaN]);
  });

  test('derives the step from the most common gap between timestamps when there is no interval', () => {
    const times = [END - 8 * MINUTE, END - 6 * MINUTE, END - 4 * MINUTE, END]; // one missing step at END - 2m
    const { aligned, values } = valuesOf([frame('A', times, [1, 2, 3, 4])], 'A', options({ minSpanMs: 10 * MINUTE }));
    expect(aligned.stepSource).toBe('timestamps');
    expect(aligned.grid.stepMs).toBe(2 * MINUTE);
    expect(values).toEqual([1, 2, 3, NaN, 4]);
  });

  test('falls back to the request interval when a series holds one point', () => {
    const { aligned } = valuesOf([frame('A', [END], [7])], 'A', options({ fallbackStepMs: MINUTE }));
    expect(aligned.stepSource).toBe('request');
    expect(aligned.grid.stepMs).toBe(MINUTE);
  });

  test('one point, no interval and no request interval: a named problem, not a guess', () => {
    const result = alignFrames([frame('A', [END], [7])], ['A'], options());
    expect(result).toEqual({ ok: false, problem: { code: 'unknown-step', refIds: ['A'] } });
    expect(describeFrameProblem(problemOf(result))).toMatch(/range queries/);
  });

  test('different steps per query: read at the longest, with a note', () => {
    const series = [
      frame('A', minutesAgo(5), [1, 1, 1, 1, 1], MINUTE),
      frame('B', minutesAgo(5), [1, 1, 1, 1, 1], 2 * MINUTE),
    ];
    const result = alignFrames(series, ['A', 'B'], options());
    expect(result.ok && result.aligned.grid.stepMs).toBe(2 * MINUTE);
    expect(result.ok && result.aligned.notes.map(describeFrameNote)).toEqual([
      'The queries have different steps (1m, 2m); all are read at the longest.',
    ]);
  });

  test('a range far too long for its step is refused with the number of steps', () => {
    const result = alignFrames([frame('A', [END], [1], 1)], ['A'], options({ minSpanMs: 28 * 86_400_000 }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.code).toBe('too-many-points');
    expect(!result.ok && (result.problem as { points: number }).points).toBeGreaterThan(MAX_GRID_STEPS);
  });
});

describe('alignFrames: placing points', () => {
  test("puts points where the engine's toGrid would, for any numbers in any order", () => {
    const point = fc.record({
      offsetMs: fc.integer({ min: -30 * MINUTE, max: 2 * MINUTE }),
      value: fc.oneof(fc.double({ noNaN: false }), fc.constant(null)),
    });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 60 }), (points) => {
        const times = points.map((p) => END + p.offsetMs);
        const values = points.map((p) => p.value);
        const result = alignFrames([frame('A', times, values, MINUTE)], ['A'], options({ minSpanMs: 20 * MINUTE }));
        expect(result.ok).toBe(true);
        if (result.ok) {
          const expected = toGrid(times, values, result.aligned.grid);
          expect(Array.from(result.aligned.values.A)).toEqual(Array.from(expected));
        }
      }),
      { numRuns: 200 }
    );
  });
});

describe('alignFrames: bad input', () => {
  test('strings: numeric text is read, other text is a gap with a note', () => {
    const text = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: minutesAgo(5), config: { interval: MINUTE } },
        { name: 'Value', type: FieldType.string, values: ['1.5', ' 2 ', 'n/a', '', '5e0'] },
      ],
    });
    const { values, aligned } = valuesOf([text], 'A');
    expect(values).toEqual([1.5, 2, NaN, NaN, 5]);
    expect(aligned.notes.map(describeFrameNote)).toEqual([
      'Query "A": 1 value was not a number (e.g. "n/a") and count as gaps.',
    ]);
  });

  test('text in a number field is read the same way', () => {
    const { values } = valuesOf(
      [frame('A', minutesAgo(3), [1, '2', 'oops'], MINUTE)],
      'A',
      options({ minSpanMs: 3 * MINUTE, timeRange: { fromMs: END - 2 * MINUTE, toMs: END } })
    );
    expect(values).toEqual([1, 2, NaN]);
  });

  test('nulls and NaN are gaps', () => {
    const { values, aligned } = valuesOf([frame('A', minutesAgo(5), [1, null, NaN, undefined, 5], MINUTE)], 'A');
    expect(values).toEqual([1, NaN, NaN, NaN, 5]);
    expect(aligned.notes).toEqual([]);
  });

  test('times as text (epoch or ISO) are read; unreadable times are left out with a note', () => {
    const times = [String(END - 4 * MINUTE), new Date(END - 3 * MINUTE).toISOString(), 'yesterday', END - MINUTE, END];
    const { values, aligned } = valuesOf([frame('A', times, [1, 2, 3, 4, 5], MINUTE)], 'A');
    expect(values).toEqual([1, 2, NaN, 4, 5]);
    expect(aligned.notes.map(describeFrameNote)).toEqual(['Query "A": 1 point has no readable time and was left out.']);
  });

  test('mismatched lengths: only the points with both a time and a value are read', () => {
    const broken: DataFrame = {
      refId: 'A',
      length: 5,
      fields: [
        { name: 'Time', type: FieldType.time, config: { interval: MINUTE }, values: minutesAgo(5) },
        { name: 'Value', type: FieldType.number, config: {}, values: [1, 2, 3, 4] },
      ],
    };
    const { values, aligned } = valuesOf([broken], 'A');
    expect(values).toEqual([1, 2, 3, 4, NaN]);
    expect(aligned.notes.map(describeFrameNote)).toEqual([
      'Query "A": the time and value columns differ in length (5 and 4); only the first 4 points were read.',
    ]);
  });

  test('unsorted timestamps give the same grid as sorted ones', () => {
    const times = minutesAgo(5);
    const shuffled = [2, 0, 4, 1, 3];
    const sorted = valuesOf([frame('A', times, [10, 20, 30, 40, 50])], 'A');
    const unsorted = valuesOf(
      [
        frame(
          'A',
          shuffled.map((i) => times[i]),
          shuffled.map((i) => (i + 1) * 10)
        ),
      ],
      'A'
    );
    expect(unsorted.values).toEqual(sorted.values);
    expect(unsorted.aligned.grid).toEqual(sorted.aligned.grid);
  });

  test('duplicated timestamps: the last value given wins, with a note', () => {
    const times = [...minutesAgo(5), END - MINUTE];
    const { values, aligned } = valuesOf([frame('A', times, [1, 2, 3, 4, 5, 99], MINUTE)], 'A');
    expect(values).toEqual([1, 2, 3, 99, 5]);
    expect(aligned.notes.map(describeFrameNote)).toEqual([
      'Query "A": 1 timestamp appears more than once; the last value given was used.',
    ]);
  });

  test('several series of one refId are summed; a step is a gap only when every series has one', () => {
    const series = [
      frame('A', minutesAgo(5), [1, 2, NaN, 4, NaN], MINUTE),
      frame('A', minutesAgo(5), [10, NaN, 30, 40, NaN], MINUTE),
      frame('B', minutesAgo(5), [1000, 1000, 1000, 1000, 1000], MINUTE),
    ];
    expect(valuesOf(series, 'A').values).toEqual([11, 2, 30, 44, NaN]);
  });

  test('a wide frame with several value fields is summed too', () => {
    const wide = createDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: minutesAgo(2), config: { interval: MINUTE } },
        { name: 'GET', type: FieldType.number, values: [1, 2] },
        { name: 'POST', type: FieldType.number, values: [3, 4] },
      ],
    });
    const { values } = valuesOf(
      [wide],
      'A',
      options({ minSpanMs: 2 * MINUTE, timeRange: { fromMs: END - MINUTE, toMs: END } })
    );
    expect(values).toEqual([4, 6]);
  });

  test('a missing refId is a named problem that lists the refIds the panel has', () => {
    const result = alignFrames([frame('A', minutesAgo(2), [1, 2], MINUTE)], ['A', 'B'], options());
    expect(result).toEqual({ ok: false, problem: { code: 'missing-ref-id', refId: 'B', availableRefIds: ['A'] } });
    expect(describeFrameProblem(problemOf(result))).toBe(
      'No query with refId "B" in this panel\'s data (it has "A"): map the KPI to the panel queries in the panel options, or add the query.'
    );
  });

  test('a refId that was queried but returned no frames is all gaps, not a mistake', () => {
    const result = alignFrames(
      [frame('A', minutesAgo(5), [1, 2, 3, 4, 5], MINUTE)],
      ['A', 'B'],
      options({ queriedRefIds: ['A', 'B'] })
    );
    expect(result.ok && Array.from(result.aligned.values.B)).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });

  test('empty frames (no fields or no rows) give gaps on a default grid', () => {
    const empty: DataFrame = { refId: 'A', length: 0, fields: [] };
    const result = alignFrames([empty], ['A'], options());
    expect(result.ok && result.aligned.stepSource).toBe('default');
    expect(result.ok && Array.from(result.aligned.values.A).every(Number.isNaN)).toBe(true);
  });

  test('no time field and no value field are named problems', () => {
    const noTime = toDataFrame({ refId: 'A', fields: [{ name: 'Value', type: FieldType.number, values: [1] }] });
    const noValue = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: [END] },
        { name: 'ok', type: FieldType.boolean, values: [true] },
      ],
    });
    expect(alignFrames([noTime], ['A'], options())).toEqual({
      ok: false,
      problem: { code: 'no-time-field', refId: 'A' },
    });
    expect(alignFrames([noValue], ['A'], options())).toEqual({
      ok: false,
      problem: { code: 'no-value-field', refId: 'A' },
    });
  });
});

describe('countsFromFrames', () => {
  test('ratio: per-second rates times a 60 s step are events per step', () => {
    const series = [frame('good', minutesAgo(2), [9.9, 10], MINUTE), frame('total', minutesAgo(2), [10, 10], MINUTE)];
    const result = countsFromFrames(
      series,
      { type: 'ratio', goodRefId: 'good', totalRefId: 'total' },
      options({ minSpanMs: 2 * MINUTE, timeRange: { fromMs: END - MINUTE, toMs: END } })
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(Array.from(result.result.counts.good)).toEqual([594, 600].map((v) => expect.closeTo(v, 9)));
      expect(Array.from(result.result.counts.total)).toEqual([600, 600]);
    }
  });

  test("ratio: converting while placing gives countsFromRates' numbers, gaps and all", () => {
    const series = [
      frame('good', minutesAgo(4), [1.5, null, 'x', 2.25], MINUTE),
      frame('total', minutesAgo(4), [2, 2, 2, NaN], MINUTE),
    ];
    const opts = options({ minSpanMs: 4 * MINUTE, timeRange: { fromMs: END - 3 * MINUTE, toMs: END } });
    const rates = alignFrames(series, ['good', 'total'], opts);
    const counts = countsFromFrames(series, { type: 'ratio', goodRefId: 'good', totalRefId: 'total' }, opts);
    expect(rates.ok && counts.ok).toBe(true);
    if (rates.ok && counts.ok) {
      const expected = countsFromRates(rates.aligned.values.good, rates.aligned.values.total, rates.aligned.grid);
      expect(Array.from(counts.result.counts.good)).toEqual(Array.from(expected.good));
      expect(Array.from(counts.result.counts.total)).toEqual(Array.from(expected.total));
    }
  });

  test('threshold: each step is one slice, good when the value meets the threshold', () => {
    const series = [frame('p95', minutesAgo(3), [0.25, 0.31, null], MINUTE)];
    const result = countsFromFrames(
      series,
      { type: 'threshold', valueRefId: 'p95', comparator: '<', threshold: 0.3 },
      options({ minSpanMs: 3 * MINUTE, timeRange: { fromMs: END - 2 * MINUTE, toMs: END } })
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(Array.from(result.result.counts.good)).toEqual([1, 0, NaN]);
      expect(Array.from(result.result.counts.total)).toEqual([1, 1, NaN]);
      expect(Array.from(result.result.values!)).toEqual([0.25, 0.31, NaN]);
    }
  });
});

describe('instanceCountsFromFrames: per-label KPIs', () => {
  /** A Prometheus series frame: the labels sit on the value field, as Grafana's Prometheus data source puts them. */
  function labelled(refId: string, labels: Record<string, string>, values: number[]): DataFrame {
    return toDataFrame({
      refId,
      fields: [
        { name: 'Time', type: FieldType.time, values: minutesAgo(values.length), config: { interval: MINUTE } },
        { name: 'Value', type: FieldType.number, values, labels },
      ],
    });
  }

  test('good and total series are matched by route and read as events per step', () => {
    const frames = [
      labelled('total', { route: '/pay' }, [2, 2, 2, 2, 2]),
      labelled('good', { route: '/browse' }, [14.985, 14.985, 14.985, 14.985, 14.985]),
      labelled('total', { route: '/browse' }, [15, 15, 15, 15, 15]),
      labelled('good', { route: '/pay' }, [1.9, 1.9, 1.9, 1.9, 1.9]),
      labelled('total', { route: '/login' }, [1, 1, 1, NaN, NaN]),
    ];
    const result = instanceCountsFromFrames(frames, { goodRefId: 'good', totalRefId: 'total' }, ['route'], options());
    if (!result.ok) {
      throw new Error(describeFrameProblem(result.problem));
    }
    const byName = Object.fromEntries(result.result.instances.map((i) => [i.name, i.counts]));
    expect(Object.keys(byName)).toEqual(['/pay', '/browse', '/login']);
    // 1 m steps: /pay 2 req/s = 120 per step, 1.9 good/s = 114; /browse 15/s = 900, 14.985/s = 899.1.
    expect(Array.from(byName['/pay'].total)).toEqual([120, 120, 120, 120, 120]);
    expect(byName['/pay'].good[0]).toBeCloseTo(114, 9);
    expect(byName['/browse'].good[4]).toBeCloseTo(899.1, 9);
    // /login has no good series: every request it served failed, and its gaps stay gaps.
    expect(Array.from(byName['/login'].good)).toEqual([0, 0, 0, NaN, NaN]);
    expect(result.result.instanceNotes).toEqual([{ code: 'total-without-good', instance: '/login' }]);
  });

  test('a missing refId is the same problem as for a KPI evaluated as one', () => {
    const result = instanceCountsFromFrames(
      [labelled('total', { route: '/pay' }, [1])],
      { goodRefId: 'good', totalRefId: 'total' },
      ['route'],
      options()
    );
    expect(result.ok ? undefined : result.problem.code).toBe('missing-ref-id');
  });
});
