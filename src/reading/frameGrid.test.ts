import fc from 'fast-check';
import { pointsToGrid } from '../kpi/evaluate';
import { toGrid, type Grid } from '../kpi/time';
import { placeOnGrid, pointsOnGrid, type SeriesInput } from './frameGrid';
import type { FrameNote } from './frameTypes';

const MINUTE = 60_000;
const END = Date.UTC(2026, 10, 1, 12, 0);
/** Twenty one-minute slots ending at END. */
const grid: Grid = { startMs: END - 19 * MINUTE, stepMs: MINUTE, length: 20 };

const input = (times: unknown[], values: unknown[]): SeriesInput => ({ refId: 'A', times, values, reportsTimes: true });

describe('pointsOnGrid', () => {
  test('unsorted points come back in slot order, the later of two on one slot kept, off-grid ones dropped', () => {
    // 12:00 given twice (7, then 9), 11:59:40 rounds to 12:00 as well and comes last; 11:30 is before the grid.
    const read = pointsOnGrid(
      input([END, END - 2 * MINUTE, END, END - 30 * MINUTE, END - 20_000, END - 19 * MINUTE], [7, 3, 9, 1, 4, 'n/a']),
      grid,
      []
    );
    expect(Array.from(read.slots)).toEqual([0, 17, 19]);
    expect(Array.from(read.values)).toEqual([NaN, 3, 4]);
  });

  test('puts points where the engine’s toGrid would, for any numbers in any order, with placeOnGrid’s notes', () => {
    const point = fc.record({
      offsetMs: fc.integer({ min: -30 * MINUTE, max: 2 * MINUTE }),
      value: fc.oneof(fc.double(), fc.constant(null), fc.constantFrom('2.5', 'n/a', '')),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), (points) => {
        const times = points.map((p) => END + p.offsetMs);
        const values = points.map((p) => p.value);
        const notes: FrameNote[] = [];
        const read = pointsOnGrid(input(times, values), grid, notes);
        const placedNotes: FrameNote[] = [];
        const placed = placeOnGrid(input(times, values), grid, placedNotes);

        const slots = Array.from(read.slots);
        expect(slots).toEqual([...new Set(slots)].sort((a, b) => a - b));
        // As placeOnGrid reads text: numeric text is its number, other text and '' are no value.
        const numbers = values.map((v) => (typeof v === 'string' ? (v === '' ? null : Number(v)) : v));
        expect(Array.from(pointsToGrid(read, grid.length))).toEqual(Array.from(toGrid(times, numbers, grid)));
        expect(Array.from(placed)).toEqual(Array.from(pointsToGrid(read, grid.length)));
        expect(notes).toEqual(placedNotes);
      }),
      { numRuns: 300 }
    );
  });
});

describe('placeOnGrid', () => {
  test('a point 2^32 steps after the grid is dropped, not wrapped onto a slot of it', () => {
    const farOff = grid.startMs + (2 ** 32 + 3) * MINUTE;
    const placed = placeOnGrid(input([farOff, farOff + MINUTE], [5, 6]), grid, []);
    expect(Array.from(placed).every(Number.isNaN)).toBe(true);
  });

  test('regular points running on past the grid’s end stop at its last slot', () => {
    const times = [END - 2 * MINUTE, END - MINUTE, END, END + MINUTE, END + 2 * MINUTE];
    const read = pointsOnGrid(input(times, [1, 2, 3, 4, 5]), grid, []);
    expect(Array.from(read.slots)).toEqual([17, 18, 19]);
    expect(Array.from(read.values)).toEqual([1, 2, 3]);
  });

  test('regular points arriving from before the grid’s start land from its first slot on', () => {
    const times = [grid.startMs - 2 * MINUTE, grid.startMs - MINUTE, grid.startMs, grid.startMs + MINUTE];
    const placed = placeOnGrid(input(times, [1, 2, 3, 4]), grid, [], 60);
    expect(Array.from(placed.subarray(0, 3))).toEqual([180, 240, NaN]);
  });
});

describe('the notes on a series’ times', () => {
  // Mostly one step after the point before, as real series are, with repeats, steps back, jumps and unreadable times.
  const move = fc.oneof(
    { weight: 6, arbitrary: fc.constant<number | 'bad'>(MINUTE) },
    { weight: 1, arbitrary: fc.constantFrom<number | 'bad'>(0, -MINUTE, 2 * MINUTE, -7 * MINUTE, 30_000, 'bad') }
  );

  test('count the repeated and the unreadable timestamps, whatever their order', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25, max: 5 }), fc.array(move, { maxLength: 80 }), (startStep, moves) => {
        const times: unknown[] = [];
        let t = END + startStep * MINUTE;
        for (const m of moves) {
          if (m === 'bad') {
            times.push('not a time');
          } else {
            t += m;
            times.push(t);
          }
        }
        const notes: FrameNote[] = [];
        placeOnGrid(input(times, times.map(() => 1)), grid, notes);
        const readable = times.filter((time): time is number => typeof time === 'number');
        const repeated = readable.length - new Set(readable).size;
        const unreadable = times.length - readable.length;
        expect(notes.find((note) => note.code === 'duplicate-time')).toEqual(
          repeated > 0 ? { code: 'duplicate-time', refId: 'A', count: repeated } : undefined
        );
        expect(notes.find((note) => note.code === 'bad-time')).toEqual(
          unreadable > 0 ? { code: 'bad-time', refId: 'A', count: unreadable } : undefined
        );
      }),
      { numRuns: 300 }
    );
  });
});
