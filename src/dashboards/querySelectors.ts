/**
 * Reads the vector selectors and label matchers out of a KPI's PromQL, so the debug dashboard can build new
 * queries around them (`sum by (code) (rate(<selector>[$window]))`). It only reads: the user's query is never
 * edited, and a selector comes back as the exact text the user wrote.
 */
import { afterStringLiteral } from '../kpi/model';

export type MatchOperator = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOperator;
  /** The value's literal as written, quotes and escapes included. */
  literal: string;
}

/** VectorSelector knows one `metric{…}` of a query, as written, and whether a range (`[5m]`) follows it. */
export interface VectorSelector {
  metric?: string;
  matchers: LabelMatcher[];
  /** The selector exactly as it appears in the query. */
  text: string;
  ranged: boolean;
}

const NAME_START = /[a-zA-Z_:]/;
const NAME_PART = /[a-zA-Z0-9_:]/;
const QUOTES = new Set(['"', "'", '`']);

/** Every vector selector of `query` in order of appearance; tokens it cannot read are skipped, never guessed. */
export function vectorSelectors(query: string): VectorSelector[] {
  const selectors: VectorSelector[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (QUOTES.has(c)) {
      i = afterStringLiteral(query, i);
    } else if (c === '[') {
      i = indexAfter(query, i, ']');
    } else if (NAME_START.test(c) && (i === 0 || !NAME_PART.test(query[i - 1]))) {
      let end = i;
      while (end < query.length && NAME_PART.test(query[end])) {
        end++;
      }
      const name = query.slice(i, end);
      const next = skipSpaces(query, end);
      if (query[next] === '{') {
        const parsed = readSelector(query, i, next, name);
        if (parsed) {
          selectors.push(parsed.selector);
        }
        i = parsed?.end ?? next + 1;
      } else {
        if (query[next] === '[') {
          selectors.push({ metric: name, matchers: [], text: name, ranged: true });
        }
        i = end;
      }
    } else if (c === '{') {
      const parsed = readSelector(query, i, i, undefined);
      if (parsed) {
        selectors.push(parsed.selector);
      }
      i = parsed?.end ?? i + 1;
    } else {
      i++;
    }
  }
  return selectors;
}

function readSelector(
  query: string,
  start: number,
  brace: number,
  metric: string | undefined
): { selector: VectorSelector; end: number } | undefined {
  const close = closingBrace(query, brace);
  if (close === undefined) {
    return undefined;
  }
  const matchers = readMatchers(query.slice(brace + 1, close));
  if (matchers === undefined) {
    return undefined;
  }
  const end = close + 1;
  return {
    selector: { metric, matchers, text: query.slice(start, end), ranged: query[skipSpaces(query, end)] === '[' },
    end,
  };
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*/;

/** `a="x", b!~"y"` → matchers; undefined when the text is not a plain list of matchers. */
function readMatchers(body: string): LabelMatcher[] | undefined {
  const matchers: LabelMatcher[] = [];
  let rest = body;
  while (rest.trim() !== '') {
    const head = MATCHER.exec(rest);
    if (!head) {
      return undefined;
    }
    const valueStart = head[0].length;
    if (!QUOTES.has(rest[valueStart])) {
      return undefined;
    }
    const valueEnd = afterStringLiteral(rest, valueStart);
    matchers.push({ name: head[1], op: head[2] as MatchOperator, literal: rest.slice(valueStart, valueEnd) });
    rest = rest.slice(valueEnd).replace(/^\s*,?/, '');
  }
  return matchers;
}

function closingBrace(query: string, open: number): number | undefined {
  for (let i = open + 1; i < query.length; i++) {
    if (QUOTES.has(query[i])) {
      i = afterStringLiteral(query, i) - 1;
    } else if (query[i] === '}') {
      return i;
    }
  }
  return undefined;
}

function indexAfter(text: string, start: number, char: string): number {
  const found = text.indexOf(char, start + 1);
  return found === -1 ? text.length : found + 1;
}

function skipSpaces(text: string, start: number): number {
  let i = start;
  while (i < text.length && /\s/.test(text[i])) {
    i++;
  }
  return i;
}
