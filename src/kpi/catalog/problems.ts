/**
 * Validation problems in the words of the catalog: every problem names the KPI and the field, from the inside out,
 * and zod's messages are rewritten for people who write YAML, not TypeScript.
 */
import type { z } from 'zod';

export interface ValidationProblem {
  /** kpis[2] (checkout-availability).objective.target */
  path: string;
  message: string;
}

/** The first problem of a field or its sub-fields (`indicator` also covers `indicator.good`), for form fields. */
export function problemAt(problems: readonly ValidationProblem[], path: string): string | undefined {
  return problems.find(
    (problem) => problem.path === path || problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`)
  )?.message;
}

export function formatProblem(problem: ValidationProblem): string {
  return `${problem.path}: ${problem.message}`;
}

/** Messages in the words of the catalog, not of zod. */
export function readableMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        return 'is required';
      }
      return `must be ${article(issue.expected)}, got ${describeValue(issue.input)}`;
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'number' && issue.path?.at(-1) === 'target') {
        return 'must be between 0 and 1 (exclusive)';
      }
      if (issue.origin === 'number') {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const side =
          issue.code === 'too_small'
            ? issue.inclusive
              ? 'at least'
              : 'greater than'
            : issue.inclusive
              ? 'at most'
              : 'less than';
        return `must be ${side} ${String(bound)}`;
      }
      if (issue.origin === 'array') {
        return issue.code === 'too_small'
          ? `must list at least ${String(issue.minimum)}`
          : `must list at most ${String(issue.maximum)}`;
      }
      return undefined;
    case 'invalid_union':
      if (issue.note === 'No matching discriminator') {
        return issue.path?.at(-1) === 'policy'
          ? 'must be "default" or "custom"'
          : 'must be "ratio", "threshold", "timeslice", "composite" or "value"';
      }
      if (issue.path?.at(-1) === 'window') {
        return windowMessage(issue);
      }
      return undefined;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    default:
      return undefined;
  }
}

/**
 * `objective.window` is a duration or a calendar period: an object is judged as a calendar period, naming its
 * field (`calendar: must be "week" or "month" or "quarter"`), anything else as a duration.
 */
function windowMessage(issue: z.core.$ZodRawIssue & { code: 'invalid_union' }): string {
  const [asDuration, asCalendar] = issue.errors;
  const isObject = typeof issue.input === 'object' && issue.input !== null && !Array.isArray(issue.input);
  const first = (isObject ? asCalendar : asDuration)?.[0];
  if (!first) {
    return 'must be a duration such as 28d, or a calendar period such as { calendar: month, timeZone: Europe/Berlin }';
  }
  const message = readableMessage(first as z.core.$ZodRawIssue) ?? first.message;
  return first.path.length > 0 ? `${first.path.join('.')}: ${message}` : message;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'string') {
    return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  }
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

export function joinPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    ''
  );
}

/** kpis[2] (checkout-availability).objective.target — the id read from the raw input when it has one. */
export function formatPath(input: unknown, path: readonly PropertyKey[]): string {
  if (path[0] === 'kpis' && typeof path[1] === 'number') {
    const raw = (input as { kpis?: unknown[] }).kpis?.[path[1]] as { id?: unknown } | undefined;
    const id = typeof raw?.id === 'string' && raw.id ? ` (${raw.id})` : '';
    const rest = joinPath(path.slice(2));
    return `kpis[${path[1]}]${id}${rest ? '.' + rest : ''}`;
  }
  return path.length ? joinPath(path) : '(catalog)';
}
