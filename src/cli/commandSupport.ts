/** What the CLI's commands share: exit codes, output, usage errors and option parsing. */
import { writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { parseDuration } from '../kpi/time';
import type { Loaded } from './catalogFile';

/** The catalog JSON Schema of this package, which catalogs written next to it point editors at. */
export const PACKAGE_ROOT = join(__dirname, '..', '..');

export const CATALOG_SCHEMA = join(PACKAGE_ROOT, 'schema', 'catalog.schema.json');

export const EXIT_OK = 0;

export const EXIT_INVALID = 1;

/** `eval`: a KPI without data, or Prometheus unreachable or refusing. */
export const EXIT_NO_DATA = 2;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export class UsageError extends Error {}

export function unwrap<T>(loaded: Loaded<T>, io: Io): T | undefined {
  if (loaded.ok) {
    return loaded.value;
  }
  loaded.problems.forEach((problem) => io.err(problem));
  return undefined;
}

export async function emit(text: string, output: string | undefined, io: Io): Promise<void> {
  if (output) {
    await writeFile(output, text);
  } else {
    io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
  }
}

/** Parses --at: RFC 3339 or Unix seconds. */
export function parseInstant(text: string): number {
  const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (!Number.isFinite(ms)) {
    throw new UsageError(`--at "${text}" is neither RFC 3339 (2026-11-01T12:00:00Z) nor Unix seconds`);
  }
  return ms;
}

/**
 * Grafana expands $NAME and ${NAME} in provisioning files from the environment, which would eat the
 * `$__rate_interval` in KPI queries; `$$` is its escape for a literal `$`.
 */
export function escapeForProvisioning<T>(value: T): T {
  if (typeof value === 'string') {
    return value.replaceAll('$', '$$$$') as T;
  }
  if (Array.isArray(value)) {
    return value.map((item) => escapeForProvisioning(item)) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeForProvisioning(item)])) as T;
  }
  return value;
}

/** A path for a generated file's header: relative to the working directory, so checkouts in other places agree. */
export function displayPath(file: string): string {
  const relativePath = relative(process.cwd(), file);
  return relativePath && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : file;
}

export function durationOption(name: string, value: string): number {
  try {
    const ms = parseDuration(value);
    if (ms > 0) {
      return ms;
    }
  } catch {
    // reported below
  }
  throw new UsageError(`${name} "${value}" is not a positive duration (e.g. 15s, 5m)`);
}
