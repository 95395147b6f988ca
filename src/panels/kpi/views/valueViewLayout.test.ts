import fc from 'fast-check';
import { MIN_SPARKLINE_PX, VALUE_GAP_PX, VALUE_HEADER_PX, valueViewLayout } from './valueViewLayout';

/** Everything the view stacks, with its gaps: it must not be taller than the panel. */
function stackedPx(height: number, width: number, text: string): number {
  const layout = valueViewLayout(width, height, text);
  const rows = [VALUE_HEADER_PX, layout.numberRowPx, layout.showSentence ? 20 : 0, layout.sparklinePx].filter(
    (px) => px > 0
  );
  return rows.reduce((sum, px) => sum + px, 0) + (rows.length - 1) * VALUE_GAP_PX;
}

describe('the value view’s layout', () => {
  // A 4×3 dashboard cell is about 300×200; the panel's 4 px padding leaves 292×192.
  test('a 300×200 cell: the number at 40 px or more, and a sparkline of 90 px, all inside 192 px', () => {
    const layout = valueViewLayout(292, 192, '3.12%');
    expect(layout.numberPx).toBeGreaterThanOrEqual(40);
    expect(layout.sparklinePx).toBeGreaterThanOrEqual(90);
    expect(layout.showSentence).toBe(false);
    expect(stackedPx(192, 292, '3.12%')).toBeLessThanOrEqual(192);
  });

  test('a long number shrinks to 45 % of the width rather than push the target and change out', () => {
    const layout = valueViewLayout(292, 192, '$1,234,567.89');
    // 292 × 0.45 / (0.6 × 13 characters) = 16.8, raised to the 20 px floor.
    expect(layout.numberPx).toBe(20);
    expect(valueViewLayout(292, 192, '$1.20M').numberPx).toBe(37);
  });

  test('a big panel caps the number at 72 px and has room for the forecast sentence', () => {
    expect(valueViewLayout(1600, 800, '3.12%')).toMatchObject({ numberPx: 72, showSentence: true });
  });

  test('a panel too short for a readable line leaves the sparkline out rather than squash it', () => {
    expect(valueViewLayout(292, 100, '3.12%').sparklinePx).toBe(0);
  });

  test('property: whatever the size and number, the rows fit and a sparkline is either readable or absent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 150, max: 2400 }),
        fc.integer({ min: 100, max: 1400 }),
        fc.string({ minLength: 1, maxLength: 16 }),
        (width, height, text) => {
          const { sparklinePx } = valueViewLayout(width, height, text);
          expect(stackedPx(height, width, text)).toBeLessThanOrEqual(height);
          expect(sparklinePx === 0 || sparklinePx >= MIN_SPARKLINE_PX).toBe(true);
        }
      )
    );
  });
});
