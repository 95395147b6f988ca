/**
 * Whether a PromQL query's parentheses pair up. A missing ")" otherwise shows only when Prometheus answers a
 * dashboard with a parse error; here the catalog names the KPI and the field. Parentheses inside string literals
 * ("…", '…', `…`) and `#` comments are text, not grouping.
 */

/** The problem with the query's parentheses, or undefined when they pair up. */
export function parenthesesProblem(query: string): string | undefined {
  let open = 0;
  let quote: string | undefined;
  for (let i = 0; i < query.length; i++) {
    const char = query[i];
    if (quote !== undefined) {
      if (char === '\\' && quote !== '`') {
        i++; // the escaped character is text, a quote included
      } else if (char === quote) {
        quote = undefined;
      }
    } else if (char === '"' || char === "'" || char === '`') {
      quote = char;
    } else if (char === '#') {
      const lineEnd = query.indexOf('\n', i);
      i = lineEnd === -1 ? query.length : lineEnd;
    } else if (char === '(') {
      open++;
    } else if (char === ')') {
      if (open === 0) {
        return `unbalanced parentheses: ")" at character ${i + 1} closes nothing`;
      }
      open--;
    }
  }
  return open > 0 ? `unbalanced parentheses: ${open} "(" not closed` : undefined;
}
