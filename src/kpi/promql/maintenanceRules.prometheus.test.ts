// A cron in a zone with daylight saving time, as the rules write it (maintenanceRules.ts), run by a real
// Prometheus minute by minute over the days each zone changes its clock: open at exactly the minutes the app's
// own maintenance.ts says, skipped and repeated local times included.
import { maintenanceAt } from '../time';
import { maintenanceCondition, maintenanceRulesValidUntil } from './maintenanceRules';
import type { KpiDefinition, MaintenanceWindow } from '../model';
import { ratioKpi } from '../../testing/dashboardKpis';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../../testing/prometheusServer';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Rules generated in June 2026: the horizon runs from 2025-01-01 to 2037-01-01. */
const GENERATED_AT_MS = Date.UTC(2026, 5, 15);

/** Two days around a clock change: the day before it at 12:00 UTC to the day after it at 12:00 UTC. */
function around(year: number, month: number, day: number): { fromMs: number; toMs: number } {
  const changeDay = Date.UTC(year, month - 1, day);
  return { fromMs: changeDay - DAY_MS / 2, toMs: changeDay + DAY_MS + DAY_MS / 2 };
}

interface Case {
  name: string;
  window: MaintenanceWindow;
  spans: Array<{ fromMs: number; toMs: number }>;
}

// Berlin skips 02:00–03:00 on 29 March 2026 (01:00 UTC) and repeats 02:00–03:00 on 25 October (01:00 UTC).
const BERLIN = [around(2026, 3, 29), around(2026, 10, 25)];
const cases: Case[] = [
  {
    // 02:30 does not exist on 29 March: it runs at 03:30 CEST (01:30 UTC); on 25 October only the first 02:30.
    name: 'Berlin, daily at 02:30 for 20m',
    window: { cron: '30 2 * * *', duration: '20m', timeZone: 'Europe/Berlin', reason: 'nightly' },
    spans: BERLIN,
  },
  {
    // Every 20 minutes of hour 2 on Sundays, 10m each; both changes fall on a Sunday.
    name: 'Berlin, Sundays every 20 minutes of hour 2 for 10m',
    window: { cron: '*/20 2 * * 0', duration: '10m', timeZone: 'Europe/Berlin', reason: 'cache flush' },
    spans: BERLIN,
  },
  {
    // Starts before each change and lasts across it.
    name: 'Berlin, Sundays at 01:15 for 3h',
    window: { cron: '15 1 * * 0', duration: '3h', timeZone: 'Europe/Berlin', reason: 'reindex' },
    spans: BERLIN,
  },
  {
    // Both 02:00 and 03:00 on the night 02:00 is skipped: the same instant, 01:00 UTC.
    name: 'Berlin, at 02:00 and 03:00 for 45m',
    window: { cron: '0 2,3 * * *', duration: '45m', timeZone: 'Europe/Berlin', reason: 'backup' },
    spans: BERLIN,
  },
  {
    // New York changes at 02:00 local (07:00 and 06:00 UTC) on 8 March and 1 November 2026.
    name: 'New York, daily at 02:10 for 1h',
    window: { cron: '10 2 * * *', duration: '1h', timeZone: 'America/New_York', reason: 'batch' },
    spans: [around(2026, 3, 8), around(2026, 11, 1)],
  },
  {
    // Sydney, southern hemisphere: 03:00 AEDT back to 02:00 AEST on 5 April, 02:00 on to 03:00 on 4 October 2026.
    name: 'Sydney, daily at 02:30 for 30m',
    window: { cron: '30 2 * * *', duration: '30m', timeZone: 'Australia/Sydney', reason: 'rotation' },
    spans: [around(2026, 4, 4), around(2026, 10, 3)],
  },
  {
    // Lord Howe moves its clock by 30 minutes, at 02:00 local: 01:45 repeats on 5 April, 02:15 is skipped on 4 October.
    name: 'Lord Howe, daily at 01:45 and 02:15 for 10m',
    window: { cron: '15,45 1,2 * * *', duration: '10m', timeZone: 'Australia/Lord_Howe', reason: 'half-hour shift' },
    spans: [around(2026, 4, 4), around(2026, 10, 3)],
  },
];

function kpiWith(window: MaintenanceWindow): KpiDefinition {
  return ratioKpi({ maintenance: [window] });
}

describeWithPrometheus('maintenance crons in daylight-saving zones in a real Prometheus', () => {
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    // The expression reads time() only; one sample gives the TSDB something to open.
    prometheus = await startPrometheus(
      ['# TYPE up gauge', `up 1 ${Date.UTC(2026, 0, 1) / 1000}`, '# EOF', ''].join('\n')
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  /** The minutes of [fromMs, toMs] at which the condition has a series. */
  async function openMinutes(condition: string, fromMs: number, toMs: number): Promise<number[]> {
    const query = new URLSearchParams({
      query: condition,
      start: String(fromMs / 1000),
      end: String(toMs / 1000),
      step: '60',
    });
    const body = await (await fetch(`${prometheus.url}/api/v1/query_range?${query}`)).json();
    expect(body.status).toBe('success');
    const series = body.data.result as Array<{ values: Array<[number, string]> }>;
    expect(series.length).toBeLessThanOrEqual(1);
    return (series[0]?.values ?? []).map(([t]) => Math.round(t * 1000));
  }

  function appMinutes(window: MaintenanceWindow, fromMs: number, toMs: number): number[] {
    const minutes: number[] = [];
    for (let t = fromMs; t <= toMs; t += MINUTE_MS) {
      if (maintenanceAt([window], t) !== null) {
        minutes.push(t);
      }
    }
    return minutes;
  }

  test.each(cases.map((c) => [c.name, c]))('%s: Prometheus and maintenance.ts agree on every minute', async (_, c) => {
    const condition = maintenanceCondition(kpiWith(c.window), GENERATED_AT_MS)!;
    for (const { fromMs, toMs } of c.spans) {
      const expected = appMinutes(c.window, fromMs, toMs);
      expect(expected.length).toBeGreaterThan(0);
      expect(await openMinutes(condition, fromMs, toMs)).toEqual(expected);
    }
  });

  test('the app moves the skipped 02:30 to 03:30 CEST and keeps the first of the two 02:30s', () => {
    // The expectations above come from maintenance.ts; pinned here by hand so that both cannot drift together.
    const nightly = cases[0].window;
    const [march, october] = BERLIN.map(({ fromMs, toMs }) => appMinutes(nightly, fromMs, toMs));
    // 28 March 02:30 CET = 01:30 UTC; 29 March "02:30" = 03:30 CEST = 01:30 UTC; 30 March 02:30 CEST = 00:30 UTC.
    expect(startsOf(march)).toEqual([Date.UTC(2026, 2, 29, 1, 30), Date.UTC(2026, 2, 30, 0, 30)]);
    // 25 October: the first 02:30 is CEST, 00:30 UTC (the second, 01:30 UTC, runs nothing); 26 October 01:30 UTC.
    expect(startsOf(october)).toEqual([Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 26, 1, 30)]);
    // Each run lasts 20 minutes.
    expect(march.length).toBe(2 * 20);
  });

  test('outside the horizon the offset at its edge goes on: 02:30 Berlin in January 2040 is 01:30 UTC', async () => {
    const window = cases[0].window;
    const condition = maintenanceCondition(kpiWith(window), GENERATED_AT_MS)!;
    const fromMs = Date.UTC(2040, 0, 10);
    const toMs = fromMs + DAY_MS;
    expect(maintenanceRulesValidUntil(kpiWith(window), GENERATED_AT_MS)).toEqual([
      { index: 0, timeZone: 'Europe/Berlin', untilMs: Date.UTC(2037, 0, 1) },
    ]);
    const open = await openMinutes(condition, fromMs, toMs);
    expect(startsOf(open)).toEqual([Date.UTC(2040, 0, 10, 1, 30)]);
    expect(open).toEqual(appMinutes(window, fromMs, toMs));
  });

  test('one evaluation of a 3h window costs little: an instant query over its 180 one-minute steps', async () => {
    // The first form, which tested the offset changes at every minute of the look-back, took 1.5 s here.
    const condition = maintenanceCondition(kpiWith(cases[2].window), GENERATED_AT_MS)!;
    const query = new URLSearchParams({ query: condition, time: String(Date.UTC(2026, 9, 25, 2) / 1000) });
    const startedMs = performance.now();
    const body = await (await fetch(`${prometheus.url}/api/v1/query?${query}`)).json();
    const elapsedMs = performance.now() - startedMs;
    expect(body.status).toBe('success');
    expect(body.data.result).toHaveLength(1);
    console.log(`3h Berlin window: ${condition.length} characters, one evaluation ${elapsedMs.toFixed(1)} ms`);
    expect(elapsedMs).toBeLessThan(500);
  });
});

/** The first minute of each run of consecutive minutes. */
function startsOf(minutes: number[]): number[] {
  return minutes.filter((t, i) => i === 0 || minutes[i - 1] !== t - MINUTE_MS);
}
