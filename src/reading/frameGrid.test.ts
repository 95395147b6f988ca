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
