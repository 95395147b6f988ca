/**
 * The demo history: every demo series at one-minute resolution over the last days, as the traffic model expects
 * it, with the labels a live scrape gives (`job` = service, `instance`), so Prometheus sees one series that
 * continues into live scraping.
 */
import { DEMO_INSTANCE, ExpectedCounters, FAMILIES, SCRAPE_INTERVAL_SECONDS, type MetricFamily } from './metrics';
import type { DemoState } from './state';
import { SERVICES, TrafficModel, perService, type ServiceName } from './traffic';

/** One series of the history: its values at `startSec`, `startSec + step`, … `endSec`. */
export interface HistorySeries {
  family: MetricFamily;
  name: string;
  /** All labels, `job` and `instance` included. */
  labels: Record<string, string>;
  values: Float64Array;
}

export interface History {
  startSec: number;
  endSec: number;
  series: HistorySeries[];
  /** What the exporter continues from. */
  state: DemoState;
  model: TrafficModel;
}

function familyOf(sampleName: string): MetricFamily {
  const family = Object.values(FAMILIES).find(
    (candidate) =>
      candidate.name === sampleName || (candidate.type === 'histogram' && sampleName.startsWith(`${candidate.name}_`))
  );
  if (!family) {
    throw new Error(`no metric family for sample ${sampleName}`);
  }
  return family;
}

function serviceHistory(model: TrafficModel, service: ServiceName, startSec: number, steps: number) {
  const scrapeLabels = { job: service, instance: DEMO_INSTANCE };
  const counters = new ExpectedCounters(service);
  const counterSeries: HistorySeries[] = counters.samples().map((sample) => ({
    family: familyOf(sample.name),
    name: sample.name,
    labels: { ...scrapeLabels, ...sample.labels },
    values: new Float64Array(steps + 1),
  }));
  const gauge = (family: MetricFamily, labels: Record<string, string>): HistorySeries => ({
    family,
    name: family.name,
    labels: { ...scrapeLabels, ...labels },
    values: new Float64Array(steps + 1),
  });
  const freshness = gauge(FAMILIES.freshness, {});
  const lastDeploy = gauge(FAMILIES.lastDeploy, { service });

  for (let step = 0; step <= steps; step++) {
    const tSec = startSec + step * SCRAPE_INTERVAL_SECONDS;
    if (step > 0) {
      counters.addInterval(model, tSec - SCRAPE_INTERVAL_SECONDS, tSec);
    }
    counters.samples().forEach((sample, i) => {
      counterSeries[i].values[step] = sample.value;
    });
    freshness.values[step] = model.freshnessAt(service, tSec);
    lastDeploy.values[step] = model.lastDeployAtOrBefore(service, tSec);
  }
  return { series: [...counterSeries, freshness, lastDeploy], finalCounters: counters.samples() };
}

/** The history of all demo services over `days` days ending at `endSec` (a whole minute). */
export function buildHistory(endSec: number, days: number): History {
  const model = new TrafficModel(endSec);
  const steps = (days * 86_400) / SCRAPE_INTERVAL_SECONDS;
  const startSec = endSec - steps * SCRAPE_INTERVAL_SECONDS;
  const perServiceHistory = perService((service) => serviceHistory(model, service, startSec, steps));
  return {
    startSec,
    endSec,
    model,
    series: SERVICES.flatMap((service) => perServiceHistory[service].series),
    state: {
      historyEndSec: endSec,
      takenAtSec: endSec,
      counters: perService((service) => perServiceHistory[service].finalCounters),
      lastDeployAtSec: perService((service) => model.lastDeployAtOrBefore(service, endSec)),
    },
  };
}
