/**
 * Dashboard variables put into text the way Grafana puts them (e2e/contracts/template-variables.md): `$name`,
 * `${name}`, `${name:format}` and `[[name]]`, each value through the format asked for, or through the caller's own
 * function when the reference names none (the Prometheus data source passes one: prometheusInterpolation.ts).
 * Pure, so the plugin host's template service (e2e/host/page/templateSrv.ts) and the dashboards' tests against a
 * real Prometheus share it.
 */
import type { Dashboard } from '@grafana/schema';

/** The value Grafana stores when a variable's All option is picked. */
export const ALL_VALUE = '$__all';

/** A dashboard variable as Grafana's interpolation sees it. */
export interface TemplateVariable {
  name: string;
  /** The value picked: one, several (a multi-value variable), or ALL_VALUE. */
  value: string | readonly string[];
  multi?: boolean;
  includeAll?: boolean;
  /** What All stands for when set (`.*`); without it All stands for every option. */
  allValue?: string;
  /** The variable's options, which All stands for when it has no allValue. */
  options?: readonly string[];
}

/** What a format function learns of the variable, as Grafana's VariableCustomFormatterFn does. */
export interface FormattedVariable {
  name: string;
  multi?: boolean;
  includeAll?: boolean;
}

export type VariableFormatter = (value: string | readonly string[], variable: FormattedVariable) => string;

/** Grafana's encodeURIComponent that also encodes the sub-delimiters ! ' ( ) *, as RFC 3986 asks. */
function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// @grafana/data's escapeRegex escapes these (importing it needs a browser window, hence the set written out here).
const REGEX_FORMAT_METACHARACTERS = /[\\^$*+?.()|[\]{}/]/g;
const escapeRegex = (value: string) => value.replace(REGEX_FORMAT_METACHARACTERS, '\\$&');

const joined = (separator: string) => (value: string | readonly string[]) =>
  typeof value === 'string' ? value : value.join(separator);

/** The formats Northstar's dashboards and links use, by the id written after the colon. */
const FORMATS: Readonly<Record<string, VariableFormatter>> = {
  raw: joined(','),
  csv: joined(','),
  pipe: joined('|'),
  // One backslash before each metacharacter, `/` included: right for a regex, wrong inside a PromQL string.
  regex: (value) => {
    if (typeof value === 'string') {
      return escapeRegex(value);
    }
    const escaped = value.map(escapeRegex);
    return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
  },
  percentencode: (value) => percentEncode(typeof value === 'string' ? value : `{${value.join(',')}}`),
  glob: (value) => (typeof value === 'string' || value.length <= 1 ? joined(',')(value) : `{${value.join(',')}}`),
};

/** A reference without a format and without a caller's function is formatted as a glob, as in Grafana. */
const DEFAULT_FORMAT = 'glob';

export const KNOWN_FORMATS: readonly string[] = Object.keys(FORMATS);

const isAll = (value: string | readonly string[]) =>
  value === ALL_VALUE || (typeof value !== 'string' && value[0] === ALL_VALUE);

/**
 * One variable's value as text in the given format. A custom all value goes in as it is, unescaped, in every
 * format but percentencode: Grafana treats it as already written for the query.
 */
export function formatVariable(variable: TemplateVariable, format?: string | VariableFormatter): string {
  if (isAll(variable.value) && variable.allValue !== undefined) {
    return format === 'percentencode' ? percentEncode(variable.allValue) : variable.allValue;
  }
  const value = isAll(variable.value) ? (variable.options ?? []) : variable.value;
  if (typeof format === 'function') {
    return format(value, { name: variable.name, multi: variable.multi, includeAll: variable.includeAll });
  }
  // An unknown format falls back to glob in Grafana (with a console error), so it does here.
  return (FORMATS[format ?? DEFAULT_FORMAT] ?? FORMATS[DEFAULT_FORMAT])(value, variable);
}

// `$name`, `[[name]]` or `[[name:format]]`, `${name}` or `${name:format}` (a format may carry `:args`).
const REFERENCE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?::([^}]+))?\}/g;

/**
 * The text with every variable `lookup` knows put in; a reference to any other stays as written, for the backend
 * to expand (`$__rate_interval`) or to show the author what is missing.
 */
export function interpolateVariables(
  text: string,
  lookup: (name: string) => TemplateVariable | undefined,
  format?: string | VariableFormatter
): string {
  return text.replace(
    REFERENCE,
    (reference, plain?: string, bracketed?: string, bracketFormat?: string, braced?: string, braceFormat?: string) => {
      const variable = lookup(plain ?? bracketed ?? braced ?? '');
      return variable ? formatVariable(variable, bracketFormat ?? braceFormat?.split(':')[0] ?? format) : reference;
    }
  );
}

/** Whether the text refers to any variable at all. */
export function containsVariable(text: string): boolean {
  return new RegExp(REFERENCE.source).test(text);
}

/**
 * A variable of a dashboard with the value a viewer picked (ALL_VALUE for All), keeping what Grafana's
 * interpolation reads from its definition: several values at once, All and what All stands for.
 */
export function pickedVariable(
  dashboard: Dashboard,
  name: string,
  value: string | readonly string[]
): TemplateVariable {
  const variable = (dashboard.templating?.list ?? []).find((candidate) => candidate.name === name);
  if (!variable) {
    throw new Error(`the dashboard "${dashboard.title}" has no variable ${name}`);
  }
  return {
    name,
    value,
    multi: variable.multi ?? false,
    includeAll: variable.includeAll ?? false,
    ...(variable.allValue ? { allValue: variable.allValue } : {}),
  };
}
