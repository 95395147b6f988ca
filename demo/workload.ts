/**
 * The live demo workload: checkout, search and login serving traffic from the shared model, chaos on demand, deploys,
 * and the state file that lets the counters continue from the history (and from the previous run).
 */
import { ChaosSchedule } from './chaos';
import { ExpectedCounters, sampleKey, type CounterSample } from './metrics';
import { LiveService } from './liveService';
import { readState, writeState, type DemoState } from './state';
import { SERVICES, TrafficModel, perService, type ServiceName } from './traffic';

export interface WorkloadOptions {
  /** The state file to continue from and to keep up to date; without one, counters start at zero. */
  statePath?: string;
  nowSec: number;
  random?: () => number;
}

function sumSamples(a: CounterSample[], b: CounterSample[]): CounterSample[] {
  const sums = new Map<string, CounterSample>();
  for (const sample of [...a, ...b]) {
    const key = sampleKey(sample.name, sample.labels);
    const sum = sums.get(key);
    sums.set(key, sum ? { ...sum, value: sum.value + sample.value } : { ...sample });
  }
  return [...sums.values()];
}

export class Workload {
  readonly chaos = new ChaosSchedule();

  private constructor(
    readonly model: TrafficModel,
    private readonly services: Record<ServiceName, LiveService>,
    private readonly statePath: string | undefined,
    private servedUntilSec: number
  ) {}

  /**
   * Starts where the state file left off: its totals plus the traffic the model expects for the time nobody counted
   * (between the end of the history, or the last scrape of a previous run, and now).
   */
  static start({ statePath, nowSec, random }: WorkloadOptions): Workload {
    const state = statePath === undefined ? undefined : readState(statePath);
    const model = new TrafficModel(state?.historyEndSec ?? nowSec);
    const services = perService((service) => {
      const caughtUp = new ExpectedCounters(service);
      caughtUp.addInterval(model, state?.takenAtSec ?? nowSec, nowSec);
      const totals = state ? sumSamples(state.counters[service], caughtUp.samples()) : [];
      const lastDeploy = Math.max(state?.lastDeployAtSec[service] ?? 0, model.lastDeployAtOrBefore(service, nowSec));
      return new LiveService(service, model, { atSec: nowSec, totals, lastDeployAtSec: lastDeploy }, random);
    });
    return new Workload(model, services, statePath, nowSec);
  }

  /** Serves every service's traffic up to `nowSec`. */
  advance(nowSec: number): void {
    if (nowSec <= this.servedUntilSec) {
      return;
    }
    for (const service of SERVICES) {
      this.services[service].serve(this.servedUntilSec, nowSec, this.chaos.errorRate(service, nowSec));
    }
    this.servedUntilSec = nowSec;
  }

  /** The exposition of one service; the state file is written first, so it always holds what Prometheus saw. */
  async scrape(service: ServiceName, nowSec: number): Promise<string> {
    this.advance(nowSec);
    await this.saveState(nowSec);
    return this.services[service].metricsText();
  }

  deploy(service: ServiceName, nowSec: number): void {
    this.advance(nowSec);
    this.services[service].deploy(nowSec);
  }

  async saveState(nowSec: number): Promise<void> {
    if (this.statePath === undefined) {
      return;
    }
    const totals = await Promise.all(SERVICES.map((service) => this.services[service].counterTotals()));
    const state: DemoState = {
      historyEndSec: this.model.historyEndSec,
      takenAtSec: nowSec,
      counters: perService((service) => totals[SERVICES.indexOf(service)]),
      lastDeployAtSec: perService((service) => this.services[service].lastDeployAtSec),
    };
    writeState(this.statePath, state);
  }
}
