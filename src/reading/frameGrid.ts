/**
 * The grid the frames go on and the placing of their points: the step (the frames' interval, their timestamps or
 * the request's), the grid's end in phase with the data, and one pass per series onto it.
 */
import type { SlotPoints } from '../kpi/evaluate';
import type { Grid } from '../kpi/time';
import type { FrameNote, FrameProblem, GridOptions, StepSource } from './frameTypes';

/** More steps than this is a time range far too long for its step (a year at 5 s is 6.3 M). */
export const MAX_GRID_STEPS = 5_000_000;

/** One value field of a frame with the frame's time field: one series. */
export interface SeriesInput {
  refId: string;
  times: readonly unknown[];
  values: readonly unknown[];
  intervalMs?: number;
  /** The first value field of a frame reports the time column's oddities, so they are said once per frame. */
  reportsTimes: boolean;
  /** The value field's labels (Prometheus series labels): what a per-label KPI tells its instances apart by. */
  labels?: Readonly<Record<string, string>>;
}

/** Only when no frame holds a single point: every step is a gap then, whatever its length. */
const STEP_WITHOUT_POINTS_MS = 60_000;
/** Enough consecutive timestamps per series to see the step through occasional gaps. */
const STEP_SAMPLE = 256;

/** A usable step or interval: a positive, finite number. */
export function positive(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 && value < Infinity ? value : undefined;
}

/** Epoch milliseconds from numbers, numeric text, ISO text or dates; anything else is NaN. */
export function toEpochMs(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' ? NaN : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text);
  }
  return value instanceof Date ? value.getTime() : NaN;
}

/**
 * The frames' own `interval` (Grafana sets it on the time field to the query step), else the most common gap
 * between consecutive timestamps (gaps in the data only make some gaps longer), else the request's interval; for
 * SQL buckets the request's interval before the timestamps.
 */
export function chooseStep(
  inputs: readonly SeriesInput[],
  options: GridOptions,
  notes: FrameNote[]
): { stepMs: number; source: StepSource } | undefined {
  const intervals = [...new Set(inputs.map((input) => input.intervalMs).filter((ms) => ms !== undefined))];
  if (intervals.length > 0) {
    if (intervals.length > 1) {
      notes.push({ code: 'mixed-steps', stepsMs: intervals.sort((a, b) => a - b) });
    }
    return { stepMs: Math.max(...intervals), source: 'interval' };
  }
  const fallback = positive(options.fallbackStepMs);
  // SQL buckets have rows only where there were events: their gaps are quiet time, the bucket is the request's.
  if (options.bucketStart && fallback !== undefined) {
    return { stepMs: fallback, source: 'request' };
  }
  const fromTimestamps = mostCommonGap([...new Set(inputs.map((input) => input.times))]);
  if (fromTimestamps !== undefined) {
    return { stepMs: fromTimestamps, source: 'timestamps' };
  }
  if (fallback !== undefined) {
    return { stepMs: fallback, source: 'request' };
  }
  const anyPoint = inputs.some((input) => input.times.length > 0 && input.values.length > 0);
  return anyPoint ? undefined : { stepMs: STEP_WITHOUT_POINTS_MS, source: 'default' };
}

/** The first timestamps of a series in time order: a sample when they come sorted, else from a sorted copy. */
function orderedSample(times: readonly unknown[]): Float64Array {
  const sample = Float64Array.from(times.slice(0, STEP_SAMPLE + 1), toEpochMs);
  for (let i = 1; i < sample.length; i++) {
    if (sample[i] < sample[i - 1]) {
      return Float64Array.from(times, toEpochMs)
        .sort()
        .subarray(0, STEP_SAMPLE + 1);
    }
  }
  return sample;
}

function mostCommonGap(timeColumns: ReadonlyArray<readonly unknown[]>): number | undefined {
  const counts = new Map<number, number>();
  for (const times of timeColumns) {
    const sample = orderedSample(times);
    for (let i = 1; i < sample.length; i++) {
      const gap = sample[i] - sample[i - 1];
      if (gap > 0 && gap < Infinity) {
        counts.set(gap, (counts.get(gap) ?? 0) + 1);
      }
    }
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && gap < best)) {
      best = gap;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The grid ends at the range's end, in phase with the data's own timestamps (data sources align steps their own
 * way), so a stopped exporter leaves gaps at the end instead of moving the end back to its last sample.
 */
export function gridFor(stepMs: number, inputs: readonly SeriesInput[], options: GridOptions): Grid | FrameProblem {
  const { fromMs, toMs } = options.timeRange;
  const anchorMs = phaseAnchor(inputs, toMs);
  const endMs =
    anchorMs === undefined
      ? Math.floor(toMs / stepMs) * stepMs
      : anchorMs + Math.floor((toMs - anchorMs) / stepMs) * stepMs;
  const length = Math.max(Math.floor(options.minSpanMs / stepMs + 1e-9), Math.ceil((toMs - fromMs) / stepMs) + 1, 1);
  if (length > MAX_GRID_STEPS) {
    return { code: 'too-many-points', points: length, stepMs };
  }
  return { startMs: endMs - (length - 1) * stepMs, stepMs, length };
}

/** A timestamp at or before the range's end; searched from the end, where the latest sample usually is. */
function phaseAnchor(inputs: readonly SeriesInput[], toMs: number): number | undefined {
  for (const { times } of inputs) {
    for (let i = times.length - 1; i >= 0; i--) {
      const t = toEpochMs(times[i]);
      if (t <= toMs) {
        return t;
      }
    }
  }
  return undefined;
}

/**
 * A series' points in the order given: the slot each landed on (off-grid points left out) and its value, a point
 * on the same slot as the one before it replacing it. Plain arrays: a typed array of more than 64 bytes has its
 * memory outside V8's heap, and a few per query made 500 value KPIs spend a quarter of their time collecting them.
 */
interface ScannedPoints {
  slots: number[];
  values: number[];
  /** Each point's slot is after the one before: the points are in slot order, one per slot. */
  inSlotOrder: boolean;
}

/**
 * Where placeOnGrid wants the points: written straight onto its grid. Collecting them first and copying them over
 * made the panel 14 times the engine alone instead of about 2 (bench/panelEvaluation.ts).
 */
interface GridTarget {
  out: Float64Array;
  rowSlots: Uint8Array | undefined;
}

/**
 * One pass per series that reads, checks and places each point, with toGrid's rules (nearest slot, points off
 * the grid dropped, of duplicated timestamps the last one given wins): reading, checking and placing in separate
 * passes made the panel several times slower than the engine (bench/panelEvaluation.ts). `scale` multiplies each
 * value as it is placed, so per-second rates become events per step in the same pass; `offsetMs` moves each point
 * (a SQL bucket named by its start goes to its end). With `target`, the points go onto its grid and the lists stay
 * empty.
 */
function scanPoints(
  input: SeriesInput,
  grid: Grid,
  notes: FrameNote[],
  scale: number,
  offsetMs: number,
  target?: GridTarget
): ScannedPoints {
  const { times, values, refId } = input;
  const { startMs, stepMs, length } = grid;
  const n = Math.min(times.length, values.length);
  const slots: number[] = [];
  const placed: number[] = [];
  const out = target?.out;
  const rowSlots = target?.rowSlots;
  let inSlotOrder = true;
  let badTimes = 0;
  let duplicates = 0;
  let sorted = true;
  let previous = -Infinity;
  let notNumbers = 0;
  let example = '';
  let expectedMs = NaN;
  let expectedSlot = 0;
  for (let i = 0; i < n; i++) {
    const rawTime = times[i];
    const t = typeof rawTime === 'number' ? rawTime : toEpochMs(rawTime);
    // Regular data lands one step after the previous point: the next slot, without the division, and a time that
    // is finite and after the one before, so the checks below are for the points that break the rhythm. Slots stay
    // int32, which keeps the loop in integer arithmetic; a point off the grid is never wrapped into it.
    let slot = expectedSlot;
    if (t === expectedMs) {
      expectedMs = t + stepMs;
    } else {
      if (!(t > -Infinity && t < Infinity)) {
        badTimes++;
        continue;
      }
      if (t < previous) {
        sorted = false;
      } else if (t === previous) {
        duplicates++;
      }
      const nearest = Math.round((t + offsetMs - startMs) / stepMs);
      slot = nearest >= 0 && nearest < length ? nearest | 0 : -1; // | 0 also turns -0 just after the start into 0
      expectedMs = slot < 0 ? NaN : t + stepMs;
    }
    previous = t;
    expectedSlot = (slot + 1) | 0;
    const raw = values[i];
    let v: number;
    if (typeof raw === 'number') {
      v = raw;
    } else if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
      v = NaN; // a missing value, as an empty CSV cell is
    } else {
      v = typeof raw === 'string' ? Number(raw) : NaN;
      if (v !== v) {
        notNumbers++;
        example ||= String(raw).slice(0, 40);
      }
    }
    if (slot >= 0 && slot < length) {
      if (out) {
        out[slot] = v * scale;
        if (rowSlots) {
          rowSlots[slot] = 1;
        }
        continue;
      }
      const lastSlot = slots.length > 0 ? slots[slots.length - 1] : -1;
      if (slot === lastSlot) {
        placed[placed.length - 1] = v * scale;
      } else {
        inSlotOrder &&= slot > lastSlot;
        slots.push(slot);
        placed.push(v * scale);
      }
    }
  }
  if (notNumbers > 0) {
    notes.push({ code: 'not-a-number', refId, count: notNumbers, example });
  }
  if (input.reportsTimes) {
    if (badTimes > 0) {
      notes.push({ code: 'bad-time', refId, count: badTimes });
    }
    const repeated = sorted ? duplicates : countDuplicates(Float64Array.from(times.slice(0, n), toEpochMs).sort());
    if (repeated > 0) {
      notes.push({ code: 'duplicate-time', refId, count: repeated });
    }
  }
  return { slots, values: placed, inSlotOrder };
}

/**
 * The series on the grid, NaN where no point landed (scanPoints' rules); `rowSlots`, when given, gets a 1 at each
 * slot a row landed on, whatever its value (SQL's buckets without a row held no events).
 */
export function placeOnGrid(
  input: SeriesInput,
  grid: Grid,
  notes: FrameNote[],
  scale = 1,
  offsetMs = 0,
  rowSlots?: Uint8Array
): Float64Array {
  const out = new Float64Array(grid.length).fill(NaN);
  // In the order given, so that of two points on one slot the later one stays.
  scanPoints(input, grid, notes, scale, offsetMs, { out, rowSlots });
  return out;
}

/**
 * The series as the points that landed on the grid, in slot order with one point per slot (placeOnGrid's rules:
 * of two points on one slot the later one given stays), without the grid itself: valuePoints.ts folds them.
 */
export function pointsOnGrid(input: SeriesInput, grid: Grid, notes: FrameNote[]): SlotPoints {
  const scanned = scanPoints(input, grid, notes, 1, 0);
  if (scanned.inSlotOrder) {
    return { slots: scanned.slots, values: scanned.values };
  }
  // A stable sort by slot keeps the points of one slot in the order given, so the last given is still last.
  const order = scanned.slots.map((_, k) => k).sort((a, b) => scanned.slots[a] - scanned.slots[b]);
  const slots: number[] = [];
  const values: number[] = [];
  for (const k of order) {
    if (slots.length > 0 && slots[slots.length - 1] === scanned.slots[k]) {
      values[values.length - 1] = scanned.values[k];
    } else {
      slots.push(scanned.slots[k]);
      values.push(scanned.values[k]);
    }
  }
  return { slots, values };
}

function countDuplicates(sortedTimes: Float64Array): number {
  let duplicates = 0;
  for (let i = 1; i < sortedTimes.length; i++) {
    if (sortedTimes[i] === sortedTimes[i - 1] && Number.isFinite(sortedTimes[i])) {
      duplicates++;
    }
  }
  return duplicates;
}

/** Several series of one query are summed step by step; a step is a gap only when every series has a gap. */
export function sumSeries(placed: Float64Array[], length: number): Float64Array {
  if (placed.length === 0) {
    return new Float64Array(length).fill(NaN);
  }
  const sum = placed[0];
  for (let s = 1; s < placed.length; s++) {
    const next = placed[s];
    for (let i = 0; i < length; i++) {
      const v = next[i];
      if (v === v) {
        sum[i] = sum[i] === sum[i] ? sum[i] + v : v;
      }
    }
  }
  return sum;
}
