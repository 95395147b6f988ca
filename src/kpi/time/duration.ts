/**
 * Prometheus-style durations ("5m", "28d", "1h30m"). Units and their order follow Prometheus'
 * `model.ParseDuration`: y, w, d, h, m, s, ms, each at most once, largest first.
 */

const UNIT_MS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

const DURATION_PATTERN = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

export class DurationError extends Error {}

/** Parses a duration into milliseconds; throws DurationError with a readable message. */
export function parseDuration(text: string): number {
  const match = typeof text === 'string' ? DURATION_PATTERN.exec(text.trim()) : null;
  if (!match || text.trim() === '') {
    throw new DurationError(`"${String(text)}" is not a duration (use e.g. 5m, 1h30m, 28d)`);
  }
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const amount = match[i + 1];
    if (amount !== undefined) {
      ms += Number(amount) * UNIT_MS[i][1];
    }
  }
  if (!Number.isSafeInteger(ms)) {
    throw new DurationError(`"${text}" is too long`);
  }
  return ms;
}

/** Like parseDuration, but returns undefined instead of throwing. */
export function tryParseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  try {
    return parseDuration(text);
  } catch {
    return undefined;
  }
}

const WRITTEN = new Map<number, string>();
const WRITTEN_LIMIT = 1024;

/** Formats milliseconds the way Prometheus does: "1h30m", "28d", "0s". Weeks and years are not used. */
export function formatDuration(ms: number): string {
  let text = WRITTEN.get(ms);
  if (text === undefined) {
    text = writeDuration(ms);
    // A catalog asks for the same few windows thousands of times per refresh; bounded for odd callers.
    if (WRITTEN.size >= WRITTEN_LIMIT) {
      WRITTEN.clear();
    }
    WRITTEN.set(ms, text);
  }
  return text;
}

function writeDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new DurationError(`${ms} ms cannot be written as a duration`);
  }
  if (ms === 0) {
    return '0s';
  }
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of UNIT_MS) {
    if (unit === 'y' || unit === 'w') {
      continue;
    }
    const amount = Math.floor(rest / size);
    if (amount > 0) {
      out += `${amount}${unit}`;
      rest -= amount * size;
    }
  }
  return out;
}
