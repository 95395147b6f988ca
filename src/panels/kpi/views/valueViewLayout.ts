/**
 * How a value KPI's view shares the panel's height: a header line, the big number's row and the sparkline in what
 * is left. Pixel sizes rather than CSS alone, so that a 300×200 dashboard cell is known to fit (valueViewLayout.test)
 * and the sparkline, which needs a height in pixels, gets exactly the rest.
 */

/** The header line: the status pill and the KPI's name. */
export const VALUE_HEADER_PX = 24;
/** The gap between the rows (theme.spacing(1)). */
export const VALUE_GAP_PX = 8;
/** Below this the sparkline says nothing: it is left out rather than squeezed into a line. */
export const MIN_SPARKLINE_PX = 24;
/** Above this height there is room for the forecast sentence. */
const SENTENCE_FROM_PX = 280;
const SENTENCE_PX = 20;
/** The column beside the number: the target, the change and "vs last month", a small line each. */
const SIDE_COLUMN_PX = 3 * 17;

export interface ValueViewLayout {
  /** The big number's font size. */
  numberPx: number;
  /** The number's row: the number's line box or the side columns, whichever is taller. */
  numberRowPx: number;
  showSentence: boolean;
  /** 0 when there is no room for a sparkline worth reading. */
  sparklinePx: number;
}

/**
 * The layout of a view of `width` × `height` pixels (the panel's inner size) showing `text` as its big number:
 * the number grows with the panel, and shrinks so that it takes at most 45 % of the width (digits are about 0.6 em).
 */
export function valueViewLayout(width: number, height: number, text: string): ValueViewLayout {
  const byHeight = height * 0.22;
  const byWidth = (width * 0.45) / (0.6 * Math.max(3, text.length));
  const numberPx = Math.round(Math.min(72, Math.max(20, Math.min(byHeight, byWidth))));
  const numberRowPx = Math.max(Math.ceil(numberPx * 1.2), SIDE_COLUMN_PX);
  const showSentence = height >= SENTENCE_FROM_PX;
  const used = VALUE_HEADER_PX + numberRowPx + (showSentence ? SENTENCE_PX + VALUE_GAP_PX : 0) + 2 * VALUE_GAP_PX;
  const rest = Math.floor(height - used);
  return { numberPx, numberRowPx, showSentence, sparklinePx: rest >= MIN_SPARKLINE_PX ? rest : 0 };
}
