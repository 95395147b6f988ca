/**
 * How Grafana's Prometheus data source puts a variable referenced without a format (`$route`, `${route}`) into a
 * query (e2e/contracts/template-variables.md): escaped for a regex inside a double-quoted PromQL string when the
 * variable can hold several values, only for the string otherwise. The behaviour without the experimental
 * `prometheusSpecialCharsInLabelValues` feature toggle, which is Grafana's default.
 */
import type { VariableFormatter } from './templateVariables';

/** For a string: a backslash doubled; a single quote escaped as Grafana does (with two backslashes). */
export function prometheusStringEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

// Two backslashes in the query text: the PromQL string reads them as one, which the regex then reads as an escape.
const REGEX_METACHARACTERS = /[$^*{}[\]+?.()|]/g;

/** For a regex inside a PromQL string: each regex metacharacter after two backslashes, a backslash as four. */
export function prometheusRegexEscape(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(REGEX_METACHARACTERS, '\\\\$&');
}

/** The Prometheus data source's format function for references that name no format. */
export const prometheusDefaultFormat: VariableFormatter = (value, variable) => {
  if (!variable.multi && !variable.includeAll) {
    // Grafana hands several values of a single-value variable back unescaped, joined by String(): `a,b`.
    return typeof value === 'string' ? prometheusStringEscape(value) : value.join(',');
  }
  if (typeof value === 'string') {
    return prometheusRegexEscape(value);
  }
  const escaped = value.map(prometheusRegexEscape);
  return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
};
