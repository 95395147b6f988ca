/**
 * The size of the app's jsonData as Grafana stores it. Grafana keeps it in `plugin_setting.json_data`, created as
 * `DB_Text` (pkg/services/sqlstore/migrations/plugin_setting.go; no later migration widens it): TEXT on MySQL,
 * at most 65,535 bytes, while PostgreSQL and SQLite have no such limit. MySQL without strict mode cuts a longer
 * value short, which leaves JSON nobody can read: the catalog would be lost, so the limit is MySQL's for everyone.
 */
import type { StoredCatalogFields } from '../kpi/catalog';

/** MySQL's TEXT: 2^16 - 1 bytes. */
export const STORED_SIZE_LIMIT = 65_535;
/** Three quarters of the limit: room for a few dozen more versions once the warning shows. */
export const STORED_SIZE_WARNING = Math.floor(STORED_SIZE_LIMIT * 0.75);

export interface StoredSize {
  bytes: number;
  limit: number;
  /** `warning` from STORED_SIZE_WARNING on, `over` beyond the limit. */
  level: 'ok' | 'warning' | 'over';
}

// Go's encoding/json writes <, >, & and the two JavaScript line separators as \uXXXX escapes: 6 bytes, not 1 to 3.
const GO_ESCAPED = /[<>&\u2028\u2029]/g;

/** The bytes Grafana writes for `jsonData`: its JSON in UTF-8, with Go's escapes. */
export function storedSizeOf(jsonData: Record<string, unknown> & StoredCatalogFields): StoredSize {
  const json = JSON.stringify(jsonData);
  const escapes = json.match(GO_ESCAPED) ?? [];
  const escapedBytes = escapes.reduce((sum, char) => sum + 6 - utf8Length(char), 0);
  const bytes = utf8Length(json) + escapedBytes;
  const level = bytes > STORED_SIZE_LIMIT ? 'over' : bytes >= STORED_SIZE_WARNING ? 'warning' : 'ok';
  return { bytes, limit: STORED_SIZE_LIMIT, level };
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

export function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export class StoredSizeError extends Error {
  constructor(readonly size: StoredSize) {
    super(
      `The catalog was not saved: with this change the app's settings would take ${formatKiB(size.bytes)}, more than ` +
        `the ${formatKiB(size.limit)} Grafana can store on MySQL. Retire or remove KPIs you no longer need, or keep ` +
        'the catalog as code and provision it.'
    );
  }
}
