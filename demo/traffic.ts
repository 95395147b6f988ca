/**
 * The demo's traffic model, shared by the history (demo/backfill.ts) and the live exporter (demo/exporter.ts) so
 * both have the same shape: request rates with a daily and weekly rhythm, error ratios, latency, checkout
 * conversion and order values, infrastructure cost, data freshness and deploys, plus the incidents placed in the
 * history (the slow search afternoon also costs checkout orders). Everything is a pure function of
 * time (Unix seconds) and of when the history ends; the "noise" is a hash of the hour, so every run agrees.
 */

export const SERVICES = ['checkout', 'search', 'login'] as const;
export type ServiceName = (typeof SERVICES)[number];

export function isServiceName(value: string): value is ServiceName {
  return (SERVICES as readonly string[]).includes(value);
}

/** `{ checkout: make('checkout'), search: make('search'), login: make('login') }` */
export function perService<T>(make: (service: ServiceName) => T): Record<ServiceName, T> {
  return Object.fromEntries(SERVICES.map((service) => [service, make(service)])) as Record<ServiceName, T>;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

interface ServiceProfile {
  /** Requests per second at the afternoon peak of a weekday. */
  peakRequestsPerSecond: number;
  /** Traffic on Saturdays and Sundays relative to weekdays. */
  weekendFactor: number;
  /** Share of requests failing with a 5xx in a normal hour: the hourly wobble stays between these two. */
  errorRatio: readonly [number, number];
  /** The fastest answer; every other answer is slower by an exponential tail. */
  latencyFloorSeconds: number;
  /** The 95th percentile of latency in a normal ten minutes: the wobble stays between these two. */
  latencyP95Seconds: readonly [number, number];
  /** How often the data the service serves (prices, search index, user directory) is refreshed. */
  refreshIntervalSeconds: number;
  /** The release train: UTC hours of the weekday deploys. */
  deployHoursUtc: readonly number[];
  /** What the service's machines cost whether they serve or not, in dollars per hour. */
  fixedCostDollarsPerHour: number;
  /** What each million requests adds on top (autoscaled instances, egress), in dollars. */
  costDollarsPerMillionRequests: number;
}

// Checkout spends about a third of its 99.9 % budget on a normal month, search stays well under its 300 ms
// threshold, login fails a little more often than the others (its target is 99.5 %).
const PROFILES: Record<ServiceName, ServiceProfile> = {
  checkout: {
    peakRequestsPerSecond: 40,
    weekendFactor: 0.8,
    errorRatio: [0.0002, 0.0004],
    latencyFloorSeconds: 0.04,
    latencyP95Seconds: [0.22, 0.28],
    refreshIntervalSeconds: 15 * MINUTE,
    deployHoursUtc: [10, 15],
    fixedCostDollarsPerHour: 4,
    costDollarsPerMillionRequests: 30,
  },
  search: {
    peakRequestsPerSecond: 60,
    weekendFactor: 0.9,
    errorRatio: [0.0001, 0.0003],
    latencyFloorSeconds: 0.02,
    latencyP95Seconds: [0.15, 0.21],
    refreshIntervalSeconds: 5 * MINUTE,
    deployHoursUtc: [11],
    fixedCostDollarsPerHour: 5,
    costDollarsPerMillionRequests: 20,
  },
  login: {
    peakRequestsPerSecond: 8,
    weekendFactor: 0.7,
    errorRatio: [0.001, 0.002],
    latencyFloorSeconds: 0.06,
    latencyP95Seconds: [0.2, 0.26],
    refreshIntervalSeconds: 10 * MINUTE,
    deployHoursUtc: [14],
    fixedCostDollarsPerHour: 1.5,
    costDollarsPerMillionRequests: 25,
  },
};

/**
 * Checkout creates a cart for a quarter of its requests; 3.1 to 3.5 % of carts become orders, just above the 3 %
 * the checkout-conversion KPI asks for, and an order is worth 58 to 66 dollars.
 */
const CARTS_PER_CHECKOUT_REQUEST = 0.25;
const CONVERSION: readonly [number, number] = [0.031, 0.035];
const ORDER_VALUE_DOLLARS: readonly [number, number] = [58, 66];

/**
 * Shoppers who cannot find a product do not buy it: while search's p95 is above its 300 ms threshold, every 100 ms
 * over it costs a fifth of the orders (the article's "search latency spike: KPI for conversion rate drops").
 */
const SEARCH_SLOW_SECONDS = 0.3;
const CONVERSION_LOST_PER_SECOND_OVER = 2;

/**
 * LatencyDistribution knows the latency of one service at one moment: a floor plus an exponential tail, set by its
 * 95th percentile. The history uses its CDF for bucket counts, the exporter draws from its quantile function.
 */
export class LatencyDistribution {
  private readonly scale: number;

  constructor(
    readonly floorSeconds: number,
    readonly p95Seconds: number
  ) {
    this.scale = (p95Seconds - floorSeconds) / Math.log(20);
  }

  /** Share of requests answered within `seconds`. */
  cdf(seconds: number): number {
    return seconds <= this.floorSeconds ? 0 : 1 - Math.exp(-(seconds - this.floorSeconds) / this.scale);
  }

  /** The latency below which a share `u` (0 ≤ u < 1) of requests falls. */
  quantile(u: number): number {
    return this.floorSeconds - this.scale * Math.log(1 - u);
  }

  get meanSeconds(): number {
    return this.floorSeconds + this.scale;
  }
}

/** What a service sees at one moment. */
export interface TrafficRates {
  requestsPerSecond: number;
  /** Share of requests that fail with a 5xx. */
  errorRatio: number;
  latency: LatencyDistribution;
  /** Checkout only (0 elsewhere): carts created per request. */
  cartsPerRequest: number;
  /** Checkout only: share of carts that become orders when their request succeeds. */
  conversion: number;
  /** Checkout only: what an order is worth, in dollars. */
  orderValueDollars: number;
  /** What the service's infrastructure costs per second at this traffic, in dollars. */
  costDollarsPerSecond: number;
}

/** A stretch of the history where a service misbehaves. */
export interface Incident {
  service: ServiceName;
  startSec: number;
  endSec: number;
  description: string;
  errorRatio?: number;
  latencyP95Seconds?: number;
  /** The data refresh stops: freshness grows until the incident ends. */
  refreshStalled?: boolean;
  /** A deploy starts the incident and a rollback ends it. */
  deployed?: boolean;
}

/** Placed relative to the end of the history, so the recent state is always healthy (live chaos does the rest). */
function incidentsBefore(historyEndSec: number): Incident[] {
  const daysAgo = (days: number) => Math.floor(historyEndSec / DAY) * DAY - days * DAY;
  return [
    {
      service: 'checkout',
      // 0.4 % errors is a 4x burn of a 99.9 % objective for 36 hours: tickets, no page, a fifth of the budget.
      startSec: daysAgo(12) + 10 * HOUR + 20 * MINUTE,
      endSec: daysAgo(12) + 10 * HOUR + 20 * MINUTE + 36 * HOUR,
      errorRatio: 0.004,
      deployed: true,
      description: 'slow burn: a checkout release fails 0.4 % of requests until it is rolled back 36 hours later',
    },
    {
      service: 'search',
      // 150 slow minutes out of 40,320 spend 37 % of a 99 % budget of good minutes.
      startSec: daysAgo(3) + 13 * HOUR + 40 * MINUTE,
      endSec: daysAgo(3) + 13 * HOUR + 40 * MINUTE + 150 * MINUTE,
      latencyP95Seconds: 0.45,
      deployed: true,
      description: 'slow search afternoon: p95 at 450 ms for two and a half hours after a release',
    },
    {
      service: 'search',
      startSec: daysAgo(9) + 2 * HOUR,
      endSec: daysAgo(9) + 5 * HOUR,
      refreshStalled: true,
      description: 'stale search index: the indexing pipeline stalls for three hours at night',
    },
  ];
}

/** Deterministic noise in [0, 1) for a tuple of integers (FNV-1a with a final avalanche). */
export function unitNoise(...keys: number[]): number {
  let hash = 0x811c9dc5;
  for (const key of keys) {
    hash = Math.imul(hash ^ (key | 0), 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return (hash >>> 0) / 0x1_0000_0000;
}

export function between([low, high]: readonly [number, number], u: number): number {
  return low + (high - low) * u;
}

/** Quiet at night, busy in the afternoon (UTC): 20 % of the peak at 03:00, 100 % at 15:00. */
function diurnal(tSec: number): number {
  const hour = (tSec % DAY) / HOUR;
  return 0.6 + 0.4 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
}

function isWeekend(tSec: number): boolean {
  // 1970-01-01 was a Thursday: day 0 + 4 is Thursday with Sunday = 0.
  const weekday = (Math.floor(tSec / DAY) + 4) % 7;
  return weekday === 0 || weekday === 6;
}

/** TrafficModel knows what every demo service does at any moment, given when the demo history ends. */
export class TrafficModel {
  readonly incidents: readonly Incident[];

  constructor(readonly historyEndSec: number) {
    this.incidents = incidentsBefore(historyEndSec);
  }

  ratesAt(service: ServiceName, tSec: number): TrafficRates {
    const profile = PROFILES[service];
    const serviceIndex = SERVICES.indexOf(service);
    const incident = this.incidentAt(service, tSec);
    const weekly = isWeekend(tSec) ? profile.weekendFactor : 1;
    const normalErrorRatio = between(profile.errorRatio, unitNoise(serviceIndex, Math.floor(tSec / HOUR)));
    const normalP95 = between(profile.latencyP95Seconds, unitNoise(serviceIndex, Math.floor(tSec / (10 * MINUTE)), 1));
    const requestsPerSecond = profile.peakRequestsPerSecond * diurnal(tSec) * weekly;
    const isCheckout = service === 'checkout';
    return {
      requestsPerSecond,
      errorRatio: incident?.errorRatio ?? normalErrorRatio,
      latency: new LatencyDistribution(profile.latencyFloorSeconds, incident?.latencyP95Seconds ?? normalP95),
      cartsPerRequest: isCheckout ? CARTS_PER_CHECKOUT_REQUEST : 0,
      conversion: isCheckout ? this.conversionAt(tSec) : 0,
      orderValueDollars: isCheckout ? between(ORDER_VALUE_DOLLARS, unitNoise(Math.floor(tSec / HOUR), 3)) : 0,
      costDollarsPerSecond:
        profile.fixedCostDollarsPerHour / HOUR + (requestsPerSecond * profile.costDollarsPerMillionRequests) / 1e6,
    };
  }

  /** Checkout's share of carts that become orders, lower while search is slow. */
  private conversionAt(tSec: number): number {
    const normal = between(CONVERSION, unitNoise(Math.floor(tSec / (30 * MINUTE)), 2));
    const searchP95 = this.incidentAt('search', tSec)?.latencyP95Seconds ?? 0;
    const overSeconds = Math.max(0, searchP95 - SEARCH_SLOW_SECONDS);
    return normal * Math.max(0, 1 - CONVERSION_LOST_PER_SECOND_OVER * overSeconds);
  }

  /** Seconds since the service's data was last refreshed. */
  freshnessAt(service: ServiceName, tSec: number): number {
    const interval = PROFILES[service].refreshIntervalSeconds;
    const stall = this.incidents.find(
      (incident) =>
        incident.service === service && incident.refreshStalled && incident.startSec <= tSec && tSec < incident.endSec
    );
    const lastRefreshSec = Math.floor((stall ? stall.startSec : tSec) / interval) * interval;
    return tSec - lastRefreshSec;
  }

  /** Deploys of a service after `fromSec` and at or before `toSec`, oldest first: the release train and incidents. */
  deploysBetween(service: ServiceName, fromSec: number, toSec: number): number[] {
    const deploys: number[] = [];
    for (let day = Math.floor(fromSec / DAY) * DAY; day <= toSec; day += DAY) {
      if (!isWeekend(day)) {
        deploys.push(...PROFILES[service].deployHoursUtc.map((hour) => day + hour * HOUR));
      }
    }
    for (const incident of this.incidents) {
      if (incident.service === service && incident.deployed) {
        deploys.push(incident.startSec, incident.endSec);
      }
    }
    return deploys.filter((t) => t > fromSec && t <= toSec).sort((a, b) => a - b);
  }

  /** The latest deploy at or before `tSec` (there is one every weekday, so a week back always finds one). */
  lastDeployAtOrBefore(service: ServiceName, tSec: number): number {
    const deploys = this.deploysBetween(service, tSec - 7 * DAY, tSec);
    return deploys[deploys.length - 1] ?? tSec - 7 * DAY;
  }

  private incidentAt(service: ServiceName, tSec: number): Incident | undefined {
    return this.incidents.find(
      (incident) => incident.service === service && incident.startSec <= tSec && tSec < incident.endSec
    );
  }
}
