/**
 * Good events as "all minus bad": formats that count bad events (OpenSLO `bad`, Sloth `error_query`) become a good
 * query `(total) - (bad)` wrapped around the user's queries, never edited, and the wrapper is recognised again on
 * the way out so a round trip gives back the queries it started with.
 */

/** `(total) - (other)`: per-second rates of all events minus those of the others. */
export function differenceQuery(total: string, other: string): string {
  return `(${total}) - (${other})`;
}

/** X when `query` is exactly `(total) - (X)` and X is a whole expression; undefined otherwise. */
export function unwrapDifference(query: string, total: string): string | undefined {
  const prefix = `(${total}) - (`;
  if (!query.startsWith(prefix) || !query.endsWith(')')) {
    return undefined;
  }
  const inner = query.slice(prefix.length, -1);
  return balanced(inner) ? inner : undefined;
}

/** Parentheses balance outside PromQL string literals ("…", '…', `…`). */
function balanced(expr: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote !== undefined) {
      if (c === '\\' && quote !== '`') {
        i++;
      } else if (c === quote) {
        quote = undefined;
      }
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth < 0) {
      return false;
    }
  }
  return depth === 0 && quote === undefined;
}

/** The index just past the PromQL string literal that starts at `start`; backslash escapes all but raw (`) strings. */
export function afterStringLiteral(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') {
      i++;
    } else if (text[i] === quote) {
      return i + 1;
    }
  }
  return text.length;
}
