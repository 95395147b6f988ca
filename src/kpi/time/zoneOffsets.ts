/**
 * A time zone's offset from UTC and the instants it changes, as the platform's Intl time zone data knows them
 * (past changes and the zone's rule for future ones).
 */
import { wallClockMs } from './period';

const DAY_MS = 86_400_000;

/** One change of a zone's offset: from `atMs` on the wall clock is `afterSeconds` ahead of UTC, before it `beforeSeconds`. */
export interface OffsetTransition {
  atMs: number;
  beforeSeconds: number;
  afterSeconds: number;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (whole seconds). */
export function zoneOffsetMs(atMs: number, timeZone: string): number {
  const whole = Math.floor(atMs / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

/**
 * The zone's offset changes within [fromMs, toMs), to the second. Sampled daily, then bisected: zones change
 * their offset at most a few times a year and never twice in a day, so no change is missed.
 */
export function offsetTransitions(timeZone: string, fromMs: number, toMs: number): readonly OffsetTransition[] {
  // Several rules of a KPI ask for the same zone and horizon; 12 years take some 4,400 Intl calls.
  const key = `${timeZone} ${fromMs} ${toMs}`;
  let transitions = known.get(key);
  if (transitions === undefined) {
    transitions = searchTransitions(timeZone, fromMs, toMs);
    known.set(key, transitions);
  }
  return transitions;
}

const known = new Map<string, readonly OffsetTransition[]>();

function searchTransitions(timeZone: string, fromMs: number, toMs: number): OffsetTransition[] {
  const transitions: OffsetTransition[] = [];
  let previousMs = fromMs;
  let previousOffset = zoneOffsetMs(fromMs, timeZone);
  for (let atMs = fromMs + DAY_MS; previousMs < toMs; atMs += DAY_MS) {
    const sampleMs = Math.min(atMs, toMs);
    const offset = zoneOffsetMs(sampleMs, timeZone);
    if (offset !== previousOffset) {
      const changeMs = firstInstantWithOffset(timeZone, previousMs, sampleMs, offset);
      if (changeMs < toMs) {
        transitions.push({ atMs: changeMs, beforeSeconds: previousOffset / 1000, afterSeconds: offset / 1000 });
      }
    }
    previousMs = sampleMs;
    previousOffset = offset;
  }
  return transitions;
}

/** The first second in (lowMs, highMs] whose offset is `offset`, given that lowMs has another and highMs has it. */
function firstInstantWithOffset(timeZone: string, lowMs: number, highMs: number, offset: number): number {
  let low = lowMs;
  let high = highMs;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (zoneOffsetMs(middle, timeZone) === offset) {
      high = middle;
    } else {
      low = middle;
    }
  }
  return high;
}
