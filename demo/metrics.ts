/**
 * The demo's metric names and labels, and the counts the traffic model expects. The exporter registers these
 * families with prom-client and counts sampled requests; the history writes the expected counts. Keeping both here
 * is what makes a backfilled series and a scraped one the same series.
 */
import { SERVICES, type ServiceName, type TrafficModel, type TrafficRates } from './traffic';

/** The history's resolution and the scrape interval of demo/prometheus*.yml and of the Grafana data source. */
export const SCRAPE_INTERVAL_SECONDS = 60;

/** The `instance` label the Prometheus configs give every demo target, so it does not depend on host or port. */
export const DEMO_INSTANCE = 'demo-exporter';

/** Upper bounds of the latency histogram; 0.3 s is the search-latency KPI's threshold. */
export const LATENCY_BUCKETS_SECONDS = [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2];

export interface MetricFamily {
  /** As prom-client names it: counters end in `_total`. */
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  labelNames: readonly string[];
  services: readonly ServiceName[];
}

export const FAMILIES = {
  requests: {
    name: 'http_requests_total',
    help: 'HTTP requests served, by status code.',
    type: 'counter',
    labelNames: ['code'],
    services: SERVICES,
  },
  latency: {
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request.',
    type: 'histogram',
    labelNames: [],
    services: SERVICES,
  },
  carts: {
    name: 'carts_created_total',
    help: 'Shopping carts created.',
    type: 'counter',
    labelNames: [],
    services: ['checkout'],
  },
  orders: {
    name: 'orders_total',
    help: 'Orders placed.',
    type: 'counter',
    labelNames: [],
    services: ['checkout'],
  },
  revenue: {
    name: 'revenue_dollars_total',
    help: 'Value of the orders placed, in dollars.',
    type: 'counter',
    labelNames: [],
    services: ['checkout'],
  },
  cost: {
    name: 'infrastructure_cost_dollars_total',
    help: 'Infrastructure cost of the service (machines and traffic), in dollars.',
    type: 'counter',
    labelNames: [],
    services: SERVICES,
  },
  loginAttempts: {
    name: 'login_attempts_total',
    help: 'Login attempts, by result.',
    type: 'counter',
    labelNames: ['result'],
    services: ['login'],
  },
  freshness: {
    name: 'demo_data_freshness_seconds',
    help: 'Seconds since the data this service serves (prices, search index, user directory) was refreshed.',
    type: 'gauge',
    labelNames: [],
    services: SERVICES,
  },
  deployments: {
    name: 'demo_deployments_total',
    help: 'Deploys of the service.',
    type: 'counter',
    labelNames: ['service'],
    services: SERVICES,
  },
  lastDeploy: {
    name: 'demo_last_deploy_timestamp_seconds',
    help: 'Unix time of the last deploy of the service.',
    type: 'gauge',
    labelNames: ['service'],
    services: SERVICES,
  },
} as const satisfies Record<string, MetricFamily>;

/** One sample as Prometheus stores it, minus `job` and `instance` (the scrape adds those). */
export interface CounterSample {
  /** The sample name: `http_requests_total`, `http_request_duration_seconds_bucket`, … */
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** `name{a="1",b="2"}` with labels sorted: the identity of a series within one service. */
export function sampleKey(name: string, labels: Record<string, string | number>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((label) => `${label}="${labels[label]}"`);
  return `${name}{${pairs.join(',')}}`;
}

/** prom-client writes `le` as JavaScript prints the number; the history must write it the same way. */
export function bucketLabel(upperBound: number): string {
  return upperBound === Infinity ? '+Inf' : String(upperBound);
}

/**
 * ExpectedCounters knows the counter totals of one service as the traffic model expects them, without sampling:
 * fractional requests, errors, bucket counts, orders, revenue and cost. The history is made of these; the exporter uses them to
 * catch up on the time between the history's end (or its own last run) and its start.
 */
export class ExpectedCounters {
  private requestsOk = 0;
  private requestsFailed = 0;
  private readonly latencyBuckets = LATENCY_BUCKETS_SECONDS.map(() => 0);
  private latencySum = 0;
  private carts = 0;
  private orders = 0;
  private revenue = 0;
  private cost = 0;
  private deployments = 0;

  constructor(readonly service: ServiceName) {}

  /** Adds what the model expects between `fromSec` and `toSec`, in steps of at most one scrape interval. */
  addInterval(model: TrafficModel, fromSec: number, toSec: number): void {
    for (let stepStart = fromSec; stepStart < toSec; stepStart += SCRAPE_INTERVAL_SECONDS) {
      const stepEnd = Math.min(stepStart + SCRAPE_INTERVAL_SECONDS, toSec);
      this.addStep(model.ratesAt(this.service, (stepStart + stepEnd) / 2), stepEnd - stepStart);
      this.deployments += model.deploysBetween(this.service, stepStart, stepEnd).length;
    }
  }

  /** Every counter sample of the service with its current total; the order never changes. */
  samples(): CounterSample[] {
    const requests = this.requestsOk + this.requestsFailed;
    const samples: CounterSample[] = [
      { name: FAMILIES.requests.name, labels: { code: '200' }, value: this.requestsOk },
      { name: FAMILIES.requests.name, labels: { code: '500' }, value: this.requestsFailed },
      ...LATENCY_BUCKETS_SECONDS.map((upperBound, i) => ({
        name: `${FAMILIES.latency.name}_bucket`,
        labels: { le: bucketLabel(upperBound) },
        value: this.latencyBuckets[i],
      })),
      { name: `${FAMILIES.latency.name}_bucket`, labels: { le: bucketLabel(Infinity) }, value: requests },
      { name: `${FAMILIES.latency.name}_sum`, labels: {}, value: this.latencySum },
      { name: `${FAMILIES.latency.name}_count`, labels: {}, value: requests },
      { name: FAMILIES.deployments.name, labels: { service: this.service }, value: this.deployments },
      { name: FAMILIES.cost.name, labels: {}, value: this.cost },
    ];
    if (this.service === 'checkout') {
      samples.push(
        { name: FAMILIES.carts.name, labels: {}, value: this.carts },
        { name: FAMILIES.orders.name, labels: {}, value: this.orders },
        { name: FAMILIES.revenue.name, labels: {}, value: this.revenue }
      );
    }
    if (this.service === 'login') {
      // Every login request is an attempt; a request that fails is a failed attempt.
      samples.push(
        { name: FAMILIES.loginAttempts.name, labels: { result: 'success' }, value: this.requestsOk },
        { name: FAMILIES.loginAttempts.name, labels: { result: 'failure' }, value: this.requestsFailed }
      );
    }
    return samples;
  }

  private addStep(rates: TrafficRates, seconds: number): void {
    const requests = rates.requestsPerSecond * seconds;
    const failed = requests * rates.errorRatio;
    this.requestsOk += requests - failed;
    this.requestsFailed += failed;
    LATENCY_BUCKETS_SECONDS.forEach((upperBound, i) => {
      this.latencyBuckets[i] += requests * rates.latency.cdf(upperBound);
    });
    this.latencySum += requests * rates.latency.meanSeconds;
    const carts = requests * rates.cartsPerRequest;
    const orders = carts * rates.conversion * (1 - rates.errorRatio);
    this.carts += carts;
    this.orders += orders;
    this.revenue += orders * rates.orderValueDollars;
    this.cost += rates.costDollarsPerSecond * seconds;
  }
}
