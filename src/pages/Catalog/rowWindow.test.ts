import fc from 'fast-check';
import { rowWindowAt } from './rowWindow';

describe('rowWindowAt', () => {
  test.each([
    // scrollTop, viewport, rowHeight, count, overscan -> first, last
    ['the top of a long list: rows 0–9 in a 560 px viewport of 56 px rows, 3 more below', 0, 560, 56, 1000, 3, 0, 12],
    ['scrolled 13 rows down: 3 above and 3 below the 10 in view', 728, 560, 56, 1000, 3, 10, 25],
    ['half a row scrolled: the cut row at the top and the half row at the bottom are both in view', 28, 560, 56, 1000, 0, 0, 10],
    ['the bottom of the list: clamped to the last row', 55_440, 560, 56, 1000, 3, 987, 999],
    ['a list shorter than the viewport: every row', 0, 560, 56, 4, 8, 0, 3],
  ])('%s', (_, scrollTop, viewport, rowHeight, count, overscan, first, last) => {
    expect(rowWindowAt(scrollTop, viewport, rowHeight, count, overscan)).toEqual({ first, last });
  });

  test('no rows, or a nonsense height, is an empty window', () => {
    expect(rowWindowAt(0, 560, 56, 0, 3)).toEqual({ first: 0, last: -1 });
    expect(rowWindowAt(0, 560, 0, 10, 3)).toEqual({ first: 0, last: -1 });
  });

  test('a scroll past the end (a list that just shrank) still shows its last rows, never an empty window', () => {
    expect(rowWindowAt(50_000, 560, 56, 40, 2)).toEqual({ first: 37, last: 39 });
  });

  test('whatever the scroll, every row in view is in the window and the window stays inside the list', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (count, rowHeight, viewport, overscan, at) => {
          const scrollTop = at * Math.max(0, count * rowHeight - viewport);
          const { first, last } = rowWindowAt(scrollTop, viewport, rowHeight, count, overscan);
          expect(first).toBeGreaterThanOrEqual(0);
          expect(last).toBeLessThan(count);
          for (let row = 0; row < count; row++) {
            const top = row * rowHeight;
            const inView = top + rowHeight > scrollTop && top < scrollTop + viewport;
            if (inView) {
              expect(row).toBeGreaterThanOrEqual(first);
              expect(row).toBeLessThanOrEqual(last);
            }
          }
          expect(last - first + 1).toBeLessThanOrEqual(Math.ceil(viewport / rowHeight) + 1 + 2 * overscan);
        }
      ),
      { numRuns: 200 }
    );
  });
});
