/**
 * One demo service serving live traffic: it draws individual requests from the traffic model and counts them with
 * prom-client, the way an instrumented service would. Its exposition adds the totals it started from (the end of
 * the history, or its own last run), so Prometheus sees counters that continue instead of resetting.
 */
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { FAMILIES, LATENCY_BUCKETS_SECONDS, sampleKey, type CounterSample, type MetricFamily } from './metrics';
import type { ServiceName, TrafficModel, TrafficRates } from './traffic';

/** The runtime shape of `getMetricsAsJSON()`: prom-client's typings leave out `metricName` and type `type` as an enum. */
interface FamilyJson {
  name: string;
  help: string;
  type: string;
  aggregator: string;
  values: Array<{ value: number; labels: Record<string, string | number>; metricName?: string }>;
}

/** Where a live service starts: the time, the counter totals to continue from and the last deploy before it. */
export interface LiveStart {
  atSec: number;
  /** Histogram buckets, sums and counts included; empty to count from zero. */
  totals: CounterSample[];
  lastDeployAtSec: number;
}

function config(family: MetricFamily, registry: Registry) {
  return { name: family.name, help: family.help, labelNames: [...family.labelNames], registers: [registry] };
}

export class LiveService {
  private readonly registry = new Registry();
  private readonly requests: Counter;
  private readonly latency: Histogram;
  private readonly deployments: Counter;
  private readonly lastDeploy: Gauge;
  private readonly freshness: Gauge;
  private readonly cost: Counter;
  private readonly carts?: Counter;
  private readonly orders?: Counter;
  private readonly revenue?: Counter;
  private readonly loginAttempts?: Counter;
  private readonly baseline: Map<string, number>;
  private lastDeploySec: number;

  /** @param random a source of uniform numbers in [0, 1); tests pass a seeded one */
  constructor(
    readonly service: ServiceName,
    private readonly model: TrafficModel,
    start: LiveStart,
    private readonly random: () => number = Math.random
  ) {
    this.lastDeploySec = start.lastDeployAtSec;
    this.baseline = new Map(start.totals.map((sample) => [sampleKey(sample.name, sample.labels), sample.value]));
    this.requests = new Counter(config(FAMILIES.requests, this.registry));
    this.latency = new Histogram({ ...config(FAMILIES.latency, this.registry), buckets: LATENCY_BUCKETS_SECONDS });
    this.deployments = new Counter(config(FAMILIES.deployments, this.registry));
    this.lastDeploy = new Gauge(config(FAMILIES.lastDeploy, this.registry));
    this.freshness = new Gauge(config(FAMILIES.freshness, this.registry));
    this.cost = new Counter(config(FAMILIES.cost, this.registry));
    if (service === 'checkout') {
      this.carts = new Counter(config(FAMILIES.carts, this.registry));
      this.orders = new Counter(config(FAMILIES.orders, this.registry));
      this.revenue = new Counter(config(FAMILIES.revenue, this.registry));
    }
    if (service === 'login') {
      this.loginAttempts = new Counter(config(FAMILIES.loginAttempts, this.registry));
    }
    // Every series exists from the first scrape, as in the history, even before its first event.
    this.requests.inc({ code: '200' }, 0);
    this.requests.inc({ code: '500' }, 0);
    this.latency.zero({});
    this.deployments.inc({ service }, 0);
    this.lastDeploy.set({ service }, start.lastDeployAtSec);
    this.freshness.set(model.freshnessAt(service, start.atSec));
    this.cost.inc(0);
    this.carts?.inc(0);
    this.orders?.inc(0);
    this.revenue?.inc(0);
    this.loginAttempts?.inc({ result: 'success' }, 0);
    this.loginAttempts?.inc({ result: 'failure' }, 0);
  }

  /**
   * Serves the requests that arrive between `fromSec` and `toSec`: their number, outcome and latency are drawn
   * from the model's rates, with at least `minErrorRatio` of them failing (chaos).
   */
  serve(fromSec: number, toSec: number, minErrorRatio = 0): void {
    const rates = this.model.ratesAt(this.service, (fromSec + toSec) / 2);
    const expected = rates.requestsPerSecond * (toSec - fromSec);
    const count = Math.floor(expected + this.random());
    const errorRatio = Math.max(rates.errorRatio, minErrorRatio);
    for (let i = 0; i < count; i++) {
      this.serveOne(rates, errorRatio);
    }
    // The bill accrues with time and traffic, not per drawn request: the machines cost the same when idle.
    this.cost.inc(rates.costDollarsPerSecond * (toSec - fromSec));
    for (const deployAtSec of this.model.deploysBetween(this.service, fromSec, toSec)) {
      this.deploy(deployAtSec);
    }
    this.freshness.set(this.model.freshnessAt(this.service, toSec));
  }

  deploy(atSec: number): void {
    this.lastDeploySec = atSec;
    this.deployments.inc({ service: this.service });
    this.lastDeploy.set({ service: this.service }, atSec);
  }

  get lastDeployAtSec(): number {
    return this.lastDeploySec;
  }

  /** The exposition for a scrape: live counts plus the totals this process started from. */
  async metricsText(): Promise<string> {
    return (await this.withBaseline()).metrics();
  }

  /** Current totals of every counter sample, to continue from after a restart. */
  async counterTotals(): Promise<CounterSample[]> {
    const families = (await (await this.withBaseline()).getMetricsAsJSON()) as unknown as FamilyJson[];
    return families.filter(isCounting).flatMap((family) =>
      family.values.map((value) => ({
        name: value.metricName ?? family.name,
        labels: Object.fromEntries(Object.entries(value.labels).map(([label, v]) => [label, String(v)])),
        value: value.value,
      }))
    );
  }

  private serveOne(rates: TrafficRates, errorRatio: number): void {
    const failed = this.random() < errorRatio;
    this.requests.inc({ code: failed ? '500' : '200' });
    this.latency.observe(rates.latency.quantile(this.random()));
    if (this.carts && this.orders && this.random() < rates.cartsPerRequest) {
      this.carts.inc();
      if (!failed && this.random() < rates.conversion) {
        this.orders.inc();
        this.revenue?.inc(rates.orderValueDollars);
      }
    }
    this.loginAttempts?.inc({ result: failed ? 'failure' : 'success' });
  }

  /** The live registry summed with the baseline, using prom-client's own way of summing registries. */
  private async withBaseline(): Promise<Registry> {
    const live = (await this.registry.getMetricsAsJSON()) as unknown as FamilyJson[];
    const baseline = live.filter(isCounting).map((family) => ({
      ...family,
      values: family.values.map((value) => ({
        ...value,
        value: this.baseline.get(sampleKey(value.metricName ?? family.name, value.labels)) ?? 0,
      })),
    }));
    return AggregatorRegistry.aggregate([live, baseline]);
  }
}

/** Counters and histograms continue across restarts; gauges are whatever they are now. */
function isCounting(family: FamilyJson): boolean {
  return family.type === 'counter' || family.type === 'histogram';
}
