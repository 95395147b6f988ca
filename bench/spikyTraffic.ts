/**
 * The service of `npm run bench:rules`: request counters `http_requests_total{job="bench",instance,code}` scraped
 * every 15 s, written as OpenMetrics for `promtool tsdb create-blocks-from openmetrics`, with the exact good and
 * total counts per scrape kept beside them, so that any window's true ratio of counts is known.
 *
 * The traffic follows a daily rhythm, ten times busier at 16:00 UTC than at 04:00, and short error bursts (2 to
 * 15 minutes at 2 % to 30 % errors, about two a day) rise above a background of 0.04 % errors. That is the
 * traffic on which averaging 5-minute ratios goes wrong (slok/sloth#618): a burst at night weighs as much as one
 * at noon.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export const SCRAPE_SEC = 15;
const DAY_SEC = 86_400;
/** Requests per second of one instance at the busiest hour. */
const PEAK_RATE = 20;
const BACKGROUND_ERROR_RATIO = 0.0004;

export interface TrafficShape {
  /** Instances; each has a code="200" and a code="500" series, so the total query selects 2 × instances. */
  instances: number;
  /** Days of history, ending at endSec. */
  days: number;
  /** The last scrape (seconds since the epoch, a multiple of SCRAPE_SEC). */
  endSec: number;
}

/** Good and total requests counted at each scrape, all instances together, oldest scrape first. */
export interface ScrapeCounts {
  startSec: number;
  good: Float64Array;
  total: Float64Array;
}

interface Burst {
  startSec: number;
  endSec: number;
  errorRatio: number;
}

/** A small seeded generator (mulberry32), so every run writes the same service. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function errorBursts(shape: TrafficShape, startSec: number): Burst[] {
  const random = seededRandom(15);
  const bursts: Burst[] = [];
  for (let day = 0; day < shape.days; day++) {
    for (let n = 0; n < 2; n++) {
      const start = startSec + day * DAY_SEC + Math.floor(random() * DAY_SEC);
      const minutes = 2 + Math.floor(random() * 14);
      bursts.push({ startSec: start, endSec: start + minutes * 60, errorRatio: 0.02 + random() * 0.28 });
    }
  }
  return bursts;
}

/** 0.1 at 04:00 UTC, 1 at 16:00: a 10x difference between night and day. */
function dailyRhythm(sec: number): number {
  const hour = (sec % DAY_SEC) / 3600;
  return 0.1 + 0.9 * Math.sin((Math.PI * (hour - 4)) / 24) ** 2;
}

function errorRatioAt(sec: number, bursts: readonly Burst[]): number {
  for (const burst of bursts) {
    if (sec > burst.startSec && sec <= burst.endSec) {
      return burst.errorRatio;
    }
  }
  return BACKGROUND_ERROR_RATIO;
}

/**
 * Writes the OpenMetrics file and returns the counts per scrape. Series are written one after the other, each
 * oldest sample first, as promtool reads them; whole requests only, with each instance's fractions carried to its
 * next scrape, so the counters are what an exporter would expose.
 */
export function writeSpikyTraffic(path: string, shape: TrafficShape): ScrapeCounts {
  const scrapes = (shape.days * DAY_SEC) / SCRAPE_SEC + 1;
  const startSec = shape.endSec - (scrapes - 1) * SCRAPE_SEC;
  const bursts = errorBursts(shape, startSec);
  const good = new Float64Array(scrapes);
  const total = new Float64Array(scrapes);
  const ratioAt = new Float64Array(scrapes);
  const rhythmAt = new Float64Array(scrapes);
  for (let i = 0; i < scrapes; i++) {
    const sec = startSec + i * SCRAPE_SEC;
    ratioAt[i] = errorRatioAt(sec, bursts);
    rhythmAt[i] = dailyRhythm(sec);
  }
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, '# TYPE http_requests counter\n');
    for (let instance = 0; instance < shape.instances; instance++) {
      const random = seededRandom(1000 + instance);
      // Each instance takes its own share of the traffic, from 0.5x to 1.5x the mean.
      const weight = 0.5 + random();
      const goodCounter = new Float64Array(scrapes);
      const failedCounter = new Float64Array(scrapes);
      let carriedRequests = 0;
      let carriedErrors = 0;
      let goodValue = 0;
      let failedValue = 0;
      for (let i = 1; i < scrapes; i++) {
        carriedRequests += PEAK_RATE * weight * rhythmAt[i] * SCRAPE_SEC * (0.9 + 0.2 * random());
        const requests = Math.floor(carriedRequests);
        carriedRequests -= requests;
        carriedErrors += requests * ratioAt[i];
        const errors = Math.floor(carriedErrors);
        carriedErrors -= errors;
        goodValue += requests - errors;
        failedValue += errors;
        goodCounter[i] = goodValue;
        failedCounter[i] = failedValue;
        good[i] += requests - errors;
        total[i] += requests;
      }
      writeSeries(fd, `instance="i${instance}",code="200"`, goodCounter, startSec);
      writeSeries(fd, `instance="i${instance}",code="500"`, failedCounter, startSec);
    }
    writeSync(fd, '# EOF\n');
  } finally {
    closeSync(fd);
  }
  return { startSec, good, total };
}

function writeSeries(fd: number, labels: string, values: Float64Array, startSec: number): void {
  const prefix = `http_requests_total{job="bench",${labels}} `;
  const chunk: string[] = [];
  for (let i = 0; i < values.length; i++) {
    chunk.push(`${prefix}${values[i]} ${startSec + i * SCRAPE_SEC}\n`);
    if (chunk.length === 20_000) {
      writeSync(fd, chunk.join(''));
      chunk.length = 0;
    }
  }
  writeSync(fd, chunk.join(''));
}

/**
 * Good and total requests counted by the scrapes in (endSec − windowSec, endSec]: what a window's ratio of counts
 * is, exactly.
 */
export function countsInWindow(
  counts: ScrapeCounts,
  endSec: number,
  windowSec: number
): { good: number; total: number } {
  let good = 0;
  let total = 0;
  for (let i = 0; i < counts.good.length; i++) {
    const sec = counts.startSec + i * SCRAPE_SEC;
    if (sec > endSec - windowSec && sec <= endSec) {
      good += counts.good[i];
      total += counts.total[i];
    }
  }
  return { good, total };
}
