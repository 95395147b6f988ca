import { parseCron } from '../time';
import {
  cronMatch,
  dstHorizon,
  maintenanceCondition,
  maintenanceRulesValidUntil,
  maintenanceStepCondition,
} from './maintenanceRules';
import type { KpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { generateRuleGroups } from '../rules';

function cronOf(expression: string) {
  const parsed = parseCron(expression);
  if (!parsed.ok) {
    throw new Error(parsed.message);
  }
  return parsed.cron;
}

function kpiWith(maintenance: KpiDefinition['maintenance']): KpiDefinition {
  return checkoutKpi({
    id: 'checkout',
    indicator: { good: 'sum(rate(good[$__rate_interval]))', total: 'sum(rate(total[$__rate_interval]))' },
    alerting: { absent: { for: '10m' } },
    maintenance,
  });
}

const T = 'vector(time())';
/** Rules generated in June 2026: the offset changes of 2025 to 2036 are written out. */
const GENERATED_AT_MS = Date.UTC(2026, 5, 15);

describe('cronMatch', () => {
  test.each([
    ['0 2 * * 0', `(minute(${T}) == 0) and (hour(${T}) == 2) and (day_of_week(${T}) == 0)`],
    ['*/15 * * * *', `(minute(${T}) == 0 or minute(${T}) == 15 or minute(${T}) == 30 or minute(${T}) == 45)`],
    [
      '0 1-4 * 1,7 1-5',
      `(minute(${T}) == 0) and (hour(${T}) >= 1 <= 4) and (month(${T}) == 1 or month(${T}) == 7) and (day_of_week(${T}) >= 1 <= 5)`,
    ],
    // Vixie cron: the 13th or any Friday.
    [
      '0 3 13 * 5',
      `(minute(${T}) == 0) and (hour(${T}) == 3) and ((day_of_month(${T}) == 13) or (day_of_week(${T}) == 5))`,
    ],
    // 1-31 restricts nothing: every day, even OR-ed with Sunday.
    ['0 3 1-31 * 0', `(minute(${T}) == 0) and (hour(${T}) == 3)`],
    ['* * * * *', T],
  ])('"%s" becomes %s', (expression, promql) => {
    expect(cronMatch(cronOf(expression), 'time()')).toBe(promql);
  });

  test('a shifted clock is tested as given', () => {
    expect(cronMatch(cronOf('30 8 * * *'), 'time() + 19800')).toBe(
      '(minute(vector(time() + 19800)) == 30) and (hour(vector(time() + 19800)) == 8)'
    );
  });
});

describe('dstHorizon', () => {
  test('from New Year a year before generation to New Year ten years after the next', () => {
    expect(dstHorizon(GENERATED_AT_MS)).toEqual({ fromMs: Date.UTC(2025, 0, 1), toMs: Date.UTC(2037, 0, 1) });
    expect(dstHorizon(Date.UTC(2026, 0, 1))).toEqual(dstHorizon(Date.UTC(2026, 11, 31, 23, 59)));
  });
});

describe('maintenanceCondition', () => {
  test('a fixed window is a time() range in Unix seconds, end exclusive', () => {
    // 2026-11-28T02:00:00Z = 1,795,831,200 s; two hours later 1,795,838,400 s.
    const kpi = kpiWith([{ start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'upgrade' }]);
    expect(maintenanceCondition(kpi, GENERATED_AT_MS)).toBe('((vector(time()) >= 1795831200) < 1795838400)');
  });

  test('a recurring window looks back duration − 1 ms at a 1m step', () => {
    // 2h = 7,200,000 ms
    const kpi = kpiWith([{ cron: '0 2 * * 0', duration: '2h', reason: 'weekly' }]);
    expect(maintenanceCondition(kpi, GENERATED_AT_MS)).toBe(
      `(max_over_time(((minute(${T}) == 0) and (hour(${T}) == 2) and (day_of_week(${T}) == 0))[7199999ms:1m]))`
    );
  });

  test('a zone with one offset all year shifts the clock: 08:30 in Kolkata (+05:30) is time() + 19,800 s', () => {
    const kpi = kpiWith([{ cron: '30 8 * * *', duration: '1h', timeZone: 'Asia/Kolkata', reason: 'reindex' }]);
    const at = 'vector(time() + 19800)';
    expect(maintenanceCondition(kpi, GENERATED_AT_MS)).toBe(
      `(max_over_time(((minute(${at}) == 30) and (hour(${at}) == 8))[3599999ms:1m]))`
    );
  });

  test('a zone with daylight saving time tests the cron at each of its offsets, each within its periods', () => {
    const kpi = kpiWith([{ cron: '30 2 * * *', duration: '20m', timeZone: 'Europe/Berlin', reason: 'nightly' }]);
    const condition = maintenanceCondition(kpi, GENERATED_AT_MS)!;
    // CET (+3,600 s) and CEST (+7,200 s), each looked back over twice (latest and earliest fire).
    expect(condition.match(/hour\(vector\(time\(\) \+ 3600\)\) == 2/g)).toHaveLength(2);
    expect(condition.match(/hour\(vector\(time\(\) \+ 7200\)\) == 2/g)).toHaveLength(2);
    // 24 changes from 2025 to 2036: each starts a period of one of the offsets, a step in both that offset's
    // "start of the last period" and "its end".
    expect(condition.match(/time\(\) >= bool/g)).toHaveLength(2 * 24);
    // CEST starts on 29 March 2026 at 01:00 UTC (1,774,746,000 s).
    expect(condition).toContain('time() >= bool 1774746000');
    // CET's first period ends an hour after CEST starts on 30 March 2025 (1,743,296,400 + 3,600 s), because the
    // skipped 02:00–03:00 still fires at the CET offset.
    expect(condition).toContain('< (1743300000 + ');
    // CET resumes on 25 October 2026 at 01:00 UTC (1,792,890,000 s) but fires only from 02:00 UTC
    // (1,792,893,600 s): the repeated 02:00–03:00 fired at the CEST offset an hour earlier.
    expect(condition).toContain('time() >= bool 1792893600');
    expect(condition).not.toContain('time() >= bool 1792890000');
  });

  test('a window longer than the shortest stretch between two offset changes is refused, naming the field', () => {
    // Berlin's CET lasts from late October to late March: 154 days in 2025/26 (26 Oct 01:00 to 29 Mar 01:00 UTC,
    // plus the skipped hour), the shortest stretch; a yearly window of 160 days cannot follow it.
    const kpi = kpiWith([{ cron: '0 0 1 1 *', duration: '160d', timeZone: 'Europe/Berlin', reason: 'winter freeze' }]);
    expect(() => maintenanceCondition(kpi, GENERATED_AT_MS)).toThrow(
      /^maintenance\[0\]\.duration: Europe\/Berlin changes its offset \S+ apart, less than the window's 160d/
    );
  });

  test('no windows, no condition', () => {
    expect(maintenanceCondition(kpiWith(undefined), GENERATED_AT_MS)).toBeUndefined();
  });
});

describe('rules of a KPI with maintenance', () => {
  const rules = generateRuleGroups([
    kpiWith([{ start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'upgrade' }]),
  ])[0].rules;
  const byName = (name: string) => rules.find((rule) => ('record' in rule ? rule.record : rule.alert) === name)!;

  test('records 1 or 0 first, so every later rule of the group sees it', () => {
    expect(rules[0]).toEqual({
      record: 'northstar:kpi_maintenance:bool',
      expr: '(vector(1) and on () (((vector(time()) >= 1795831200) < 1795838400))) or vector(0)',
      labels: { kpi_id: 'checkout', kpi_version: '3' },
    });
  });

  test('the base rates have no sample during maintenance, so no window counts those steps', () => {
    expect(byName('northstar:kpi_total:rate5m').expr).toBe(
      '(sum(rate(total[5m]))) unless on () (((vector(time()) >= 1795831200) < 1795838400))'
    );
  });

  test('burn-rate and absent-data alerts hold while the record reads 1', () => {
    const unless = ' unless on (kpi_id) (northstar:kpi_maintenance:bool{kpi_id="checkout",kpi_version="3"} == 1)';
    const alerts = rules.filter((rule) => 'alert' in rule);
    expect(alerts).toHaveLength(3); // page, ticket, absent
    for (const alert of alerts) {
      expect(alert.expr.endsWith(unless)).toBe(true);
    }
  });

  test('a cron in a zone with daylight saving time gets rules: its condition holds the alerts', () => {
    const berlin = kpiWith([{ cron: '0 2 * * 0', duration: '2h', timeZone: 'Europe/Berlin', reason: 'weekly' }]);
    const [group] = generateRuleGroups([berlin], { generatedAtMs: GENERATED_AT_MS });
    const record = group.rules.find((rule) => 'record' in rule && rule.record === 'northstar:kpi_maintenance:bool')!;
    expect(record.expr).toBe(`(vector(1) and on () (${maintenanceCondition(berlin, GENERATED_AT_MS)})) or vector(0)`);
  });
});

describe('maintenanceRulesValidUntil', () => {
  test('a cron in a zone with daylight saving time follows its changes until the horizon ends', () => {
    const kpi = kpiWith([
      { start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'upgrade' },
      { cron: '0 2 * * 0', duration: '2h', timeZone: 'Asia/Kolkata', reason: 'weekly' },
      { cron: '0 2 * * 0', duration: '2h', timeZone: 'America/New_York', reason: 'weekly' },
    ]);
    expect(maintenanceRulesValidUntil(kpi, GENERATED_AT_MS)).toEqual([
      { index: 2, timeZone: 'America/New_York', untilMs: Date.UTC(2037, 0, 1) },
    ]);
  });
});

describe('maintenanceStepCondition: the 5m steps a window touches', () => {
  const FIVE_MINUTES_MS = 300_000;

  test('a fixed window leaves out start < t < end + 5m', () => {
    // 2026-11-28T02:00:00Z = 1,795,831,200 s; 04:00 + 5m = 1,795,838,400 + 300 = 1,795,838,700 s.
    const kpi = kpiWith([{ start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'upgrade' }]);
    expect(maintenanceStepCondition(kpi, GENERATED_AT_MS, FIVE_MINUTES_MS)).toBe(
      '((vector(time()) > 1795831200) < 1795838700)'
    );
  });

  test('a cron whose fires are on the 5m grid looks back at 5m, ending a step before t', () => {
    // Fires in (t − 1h − 5m, t) on the 5m grid are the samples in (t − 5m − 1h, t − 5m]: 1h − 1 ms, offset 5m.
    const kpi = kpiWith([{ cron: '0 2 * * 0', duration: '1h', reason: 'weekly' }]);
    expect(maintenanceStepCondition(kpi, GENERATED_AT_MS, FIVE_MINUTES_MS)).toBe(
      `(max_over_time(((minute(${T}) == 0) and (hour(${T}) == 2) and (day_of_week(${T}) == 0))[3599999ms:5m] offset 5m))`
    );
  });

  test('a cron off the grid looks back at 1m: 1h + 5m − 1m = 3,840,000 ms, offset 1m', () => {
    const kpi = kpiWith([{ cron: '7 2 * * *', duration: '1h', reason: 'nightly' }]);
    expect(maintenanceStepCondition(kpi, GENERATED_AT_MS, FIVE_MINUTES_MS)).toBe(
      `(max_over_time(((minute(${T}) == 7) and (hour(${T}) == 2))[3839999ms:1m] offset 1m))`
    );
  });

  test('Kolkata is +05:30, a whole number of 5m steps: 08:30 there fires on the grid', () => {
    const kpi = kpiWith([{ cron: '30 8 * * *', duration: '1h', timeZone: 'Asia/Kolkata', reason: 'reindex' }]);
    expect(maintenanceStepCondition(kpi, GENERATED_AT_MS, FIVE_MINUTES_MS)).toContain('[3599999ms:5m] offset 5m');
  });
});
