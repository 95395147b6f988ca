/**
 * `northstar eval` marks a KPI stale when the series it counts had no sample in the 7 days before the evaluation,
 * asked of a real Prometheus with one present_over_time probe per KPI: data that stopped 9 days ago is stale
 * though the 28d window still holds some, data that stopped 6 days ago is not.
 */
import { stringify } from 'yaml';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { counterOpenMetrics, type TrafficHour } from '../testing/syntheticTraffic';
import { run, tempFile } from './cliTestSupport';
import { PrometheusClient } from './prometheus';
import { presenceQuery } from './staleness';

jest.setTimeout(120_000);

const HOUR_SEC = 3600;
const DAYS = 20;
const END_SEC = Math.floor(Date.now() / 1000 / HOUR_SEC) * HOUR_SEC - 2 * HOUR_SEC;
const AT_SEC = END_SEC - 40 * 60;

/** Traffic for DAYS days whose last `silentDays` have no samples at all. */
const stoppedDaysAgo = (silentDays: number): TrafficHour[] =>
  Array.from({ length: DAYS * 24 }, (_, i) => ({ rate: 10, errorRatio: 0.001, gap: i >= (DAYS - silentDays) * 24 }));

const requests = (job: string, code = '') =>
  `sum(rate(synthetic_requests_total{job="${job}"${code}}[$__rate_interval]))`;

const base = (id: string) => ({ id, version: 1, status: 'published', name: id, owner: 'team-test' });
const slo = (id: string, job: string) => ({
  ...base(id),
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: { type: 'ratio', good: requests(job, ',code="200"'), total: requests(job) },
  objective: { target: 0.99, window: '28d' },
});
const composite = (id: string, members: string[]) => ({
  ...base(id),
  indicator: { type: 'composite', members: members.map((kpi) => ({ kpi, weight: 1 })) },
  objective: { target: 0.99, window: '28d' },
});

describeWithPrometheus('northstar eval marks stale KPIs against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let catalog: string;
  const evalAt = (...more: string[]) =>
    run('eval', catalog, '--prometheus', prometheus.url, '--at', String(AT_SEC), '--scrape-interval', '1m', ...more);

  beforeAll(async () => {
    prometheus = await startPrometheus(
      counterOpenMetrics(
        'synthetic_requests',
        [
          { labels: 'job="fresh"', hours: stoppedDaysAgo(0) },
          { labels: 'job="six-days"', hours: stoppedDaysAgo(6) },
          { labels: 'job="nine-days"', hours: stoppedDaysAgo(9) },
        ],
        END_SEC
      )
    );
    catalog = tempFile(
      'catalog.yaml',
      stringify({
        apiVersion: 'northstar.dev/v1',
        kind: 'KpiCatalog',
        kpis: [
          slo('fresh', 'fresh'),
          slo('quiet', 'six-days'),
          slo('abandoned', 'nine-days'),
          {
            ...base('abandoned-value'),
            datasource: { type: 'prometheus', uid: 'prometheus' },
            indicator: { type: 'value', query: requests('nine-days'), aggregation: 'mean', unit: 'reqps' },
            objective: { direction: 'higher', target: 5, window: '28d' },
          },
          composite('half-abandoned', ['fresh', 'abandoned']),
          composite('all-abandoned', ['abandoned']),
        ],
      })
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  test('data that stopped 9 days ago is stale even where the 28d window still reads a value; 6 days ago is not', async () => {
    const { code, stdout } = await evalAt('--json');
    const rows = Object.fromEntries(JSON.parse(stdout).map((row: { id: string }) => [row.id, row]));
    const staleIds = Object.values(rows).flatMap((row) =>
      (row as { stale?: boolean }).stale ? [(row as { id: string }).id] : []
    );
    expect(staleIds).toEqual(['abandoned', 'abandoned-value', 'all-abandoned']);
    // Stale is not no-data. A value KPI's 28d mean still reads the 19 days before the silence: on track, yet stale.
    expect(rows['abandoned-value']).toMatchObject({ status: 'on-track', stale: true });
    // Read at the app's step for 28d, an hour: the hours whose rate window straddles the data's first and last
    // samples read less than 10 (Prometheus extrapolates a rate only half a scrape past a series' end), which pulls
    // the mean of 19 days' hours down by a few thousandths.
    expect(rows['abandoned-value'].value).toBeGreaterThan(9.9);
    expect(rows['abandoned-value'].value).toBeLessThanOrEqual(10);
    // An SLO silent for 6 days is no-data (its short windows are empty) but not stale: its week is not over.
    expect(rows.quiet.status).toBe('no-data');
    expect(rows.quiet.stale).toBeUndefined();
    expect(code).toBe(2);
  });

  test('the table names each stale KPI below it', async () => {
    const { stdout } = await evalAt('--kpi', 'abandoned');
    expect(stdout.split('\n').at(-1)).toBe(
      `abandoned: stale: no data in the 7 days before ${new Date(AT_SEC * 1000).toISOString()}`
    );
  });

  test('the probe is one instant query over the week, hour by hour, with a rate window that leaves no gap', async () => {
    const query = presenceQuery(requests('six-days'), 60_000);
    expect(query).toBe('present_over_time((sum(rate(synthetic_requests_total{job="six-days"}[1h1m])))[7d:1h])');
    const client = new PrometheusClient(prometheus.url);
    expect(await client.instant(query, AT_SEC * 1000)).toBe(1);
    // Two hours before the silence turns seven days old it is still present; two hours after, it is gone.
    const silentSinceSec = END_SEC - 6 * 86_400;
    expect(await client.instant(query, (silentSinceSec + 7 * 86_400 - 2 * HOUR_SEC) * 1000)).toBe(1);
    expect(await client.instant(query, (silentSinceSec + 7 * 86_400 + 2 * HOUR_SEC) * 1000)).toBeNull();
  });
});
