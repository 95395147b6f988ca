import { parseCron } from './cron';
import { cronMatch, fixedOffsetSeconds, maintenanceCondition } from './maintenanceRules';
import type { KpiDefinition } from './model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { generateRuleGroups } from './rules';

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
    expect(cronMatch(cronOf(expression), 0)).toBe(promql);
  });

  test('a fixed-offset zone shifts the instant: +05:30 is 19,800 seconds', () => {
    expect(cronMatch(cronOf('30 8 * * *'), 19_800)).toBe(
      '(minute(vector(time() + 19800)) == 30) and (hour(vector(time() + 19800)) == 8)'
    );
  });
});

describe('fixedOffsetSeconds', () => {
  test.each([
    ['UTC', 0],
    ['Asia/Kolkata', 19_800],
    ['Asia/Tokyo', 32_400],
    ['Europe/Berlin', null],
    ['America/New_York', null],
  ])('%s: %p', (zone, offset) => {
    expect(fixedOffsetSeconds(zone)).toBe(offset);
  });
});

describe('maintenanceCondition', () => {
  test('a fixed window is a time() range in Unix seconds, end exclusive', () => {
    // 2026-11-28T02:00:00Z = 1,795,831,200 s; two hours later 1,795,838,400 s.
    const kpi = kpiWith([{ start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'upgrade' }]);
    expect(maintenanceCondition(kpi)).toBe('((vector(time()) >= 1795831200) < 1795838400)');
  });

  test('a recurring window looks back duration − 1 ms at a 1m step', () => {
    // 2h = 7,200,000 ms
    const kpi = kpiWith([{ cron: '0 2 * * 0', duration: '2h', reason: 'weekly' }]);
    expect(maintenanceCondition(kpi)).toBe(
      `(max_over_time(((minute(${T}) == 0) and (hour(${T}) == 2) and (day_of_week(${T}) == 0))[7199999ms:1m]))`
    );
  });

  test('no windows, no condition', () => {
    expect(maintenanceCondition(kpiWith(undefined))).toBeUndefined();
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

  test('a cron in a zone with daylight saving time is refused, naming the KPI and the field', () => {
    const berlin = kpiWith([
      { start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'upgrade' },
      { cron: '0 2 * * 0', duration: '2h', timeZone: 'Europe/Berlin', reason: 'weekly' },
    ]);
    expect(() => generateRuleGroups([berlin])).toThrow(
      "rules for KPI checkout: maintenance[1].timeZone: Europe/Berlin changes its offset for daylight saving time, which Prometheus' UTC time functions cannot follow: write the cron in UTC or in a zone with one offset all year, or list the windows with start and end"
    );
  });
});
