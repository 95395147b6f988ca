// The maintenance annotation's PromQL, run by a real Prometheus over three days, draws exactly the instants the
// engine's maintenance.ts says are inside a window: fixed, cron in UTC, cron in a fixed-offset zone, and a cron
// whose day-of-month and day-of-week are OR-ed.
import { maintenanceAt } from '../kpi/time';
import type { KpiDefinition } from '../kpi/model';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { kpiMaintenanceExpr } from './maintenanceAnnotation';
import { ratioKpi } from '../testing/dashboardKpis';

const START_MS = Date.UTC(2026, 10, 26); // Thursday 26 November 2026
const END_MS = START_MS + 3 * 86_400_000;
const STEP_MS = 5 * 60_000;

const kpis: KpiDefinition[] = [
  {
    ...ratioKpi(),
    id: 'fixed',
    maintenance: [{ start: '2026-11-28T02:00:00Z', end: '2026-11-28T02:30:00Z', reason: 'database upgrade' }],
  },
  {
    ...ratioKpi(),
    id: 'kolkata',
    // 08:00 in Kolkata is 02:30 UTC; Saturdays only.
    maintenance: [{ cron: '0 8 * * 6', duration: '1h', timeZone: 'Asia/Kolkata', reason: 'weekly reindex' }],
  },
  {
    ...ratioKpi(),
    id: 'utc-steps',
    maintenance: [{ cron: '*/20 1-3 * * *', duration: '10m', reason: 'cache flush' }],
  },
  {
    ...ratioKpi(),
    id: 'date-or-weekday',
    // The 27th, or any Thursday: the 26th and the 27th, not the 28th.
    maintenance: [{ cron: '30 22 27 * 4', duration: '45m', reason: 'batch' }],
  },
];

describeWithPrometheus('the maintenance annotation in a real Prometheus', () => {
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    // The expression reads time() only; one sample gives the TSDB something to open.
    prometheus = await startPrometheus(['# TYPE up gauge', `up 1 ${START_MS / 1000}`, '# EOF', ''].join('\n'));
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  test.each(kpis.map((kpi) => [kpi.id, kpi]))(
    '%s: Prometheus and maintenance.ts agree on every step',
    async (id, kpi) => {
      const query = new URLSearchParams({
        query: kpiMaintenanceExpr([kpi])!,
        start: String(START_MS / 1000),
        end: String(END_MS / 1000),
        step: String(STEP_MS / 1000),
      });
      const body = await (await fetch(`${prometheus.url}/api/v1/query_range?${query}`)).json();
      expect(body.status).toBe('success');
      const series = body.data.result as Array<{ metric: Record<string, string>; values: Array<[number, string]> }>;
      const fromPrometheus = series.flatMap((s) => s.values.map(([t]) => Math.round(t * 1000)));
      expect(new Set(series.map((s) => s.metric.kpi_id))).toEqual(new Set([id]));

      const fromEngine: number[] = [];
      for (let t = START_MS; t <= END_MS; t += STEP_MS) {
        if (maintenanceAt(kpi.maintenance, t) !== null) {
          fromEngine.push(t);
        }
      }
      expect(fromEngine.length).toBeGreaterThan(0);
      expect(fromPrometheus).toEqual(fromEngine);
    }
  );
});
