/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { catalogToSloth, formatSlothExportProblem } from './export';
import type { SlothSlo, SlothSpec } from './types';
import { catalogOf, exportableKpi, withExportable } from './testSpecs';

describe('catalogToSloth', () => {
  test('a KPI with maintenance windows still converts, with a warning naming the field, not silently', () => {
    const kpi = withExportable((k) => {
      k.maintenance = [
        { start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'upgrade' },
        { cron: '0 2 * * 0', duration: '2h', timeZone: 'Europe/Berlin', reason: 'weekly' },
      ];
    });
    const { specs, problems, warnings } = catalogToSloth(catalogOf(exportableKpi(), { ...kpi, id: 'maintained' }));
    expect(problems).toEqual([]);
    expect(specs[0].slos.map((slo) => slo.name)).toEqual(['checkout-availability', 'maintained']);
    expect(warnings.map(formatSlothExportProblem)).toEqual([
      "kpis[1] (maintained).maintenance: Sloth has no maintenance windows: 2 windows are left out of the spec, so Sloth's rules count the events inside them and alert during them",
    ]);
  });

  test('a KPI becomes an events SLO of its owner: errors = total − good, $__rate_interval = {{.window}}', () => {
    const { specs, problems } = catalogToSloth(catalogOf(exportableKpi()));
    expect(problems).toEqual([]);
    expect(specs).toEqual<SlothSpec[]>([
      {
        version: 'prometheus/v1',
        service: 'team-payments',
        slos: [
          {
            name: 'checkout-availability',
            objective: 99.9,
            description: 'Share of checkout requests served without a 5xx.',
            labels: { kpi_id: 'checkout-availability', kpi_version: '3' },
            sli: {
              events: {
                error_query:
                  '(sum(rate(http_requests_total{job="checkout"}[{{.window}}]))) - ' +
                  '(sum(rate(http_requests_total{job="checkout",code!~"5.."}[{{.window}}])))',
                total_query: 'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
              },
            },
            alerting: {
              name: 'NorthstarKpiErrorBudgetBurn',
              annotations: { runbook_url: 'https://runbooks.example.com/checkout' },
              page_alert: { labels: { severity: 'page' } },
              ticket_alert: { labels: { severity: 'ticket' } },
            },
          },
        ],
      },
    ]);
  });

  test('a service: tag names the service and the id keeps its service prefix as the SLO name', () => {
    const kpi = withExportable((k) => {
      k.id = 'checkout-requests-availability';
      k.version = 1;
      k.tags = ['tier-1', 'service:checkout'];
    });
    const [spec] = catalogToSloth(catalogOf(kpi)).specs;
    expect([spec.service, spec.labels, spec.slos[0].name, spec.slos[0].labels]).toEqual([
      'checkout',
      { owner: 'team-payments' },
      'requests-availability',
      undefined,
    ]);
  });

  test('KPIs of one service share a spec; different owners go on each SLO', () => {
    const a = withExportable((k) => (k.tags = ['service:checkout']));
    const b = withExportable((k) => {
      k.id = 'checkout-latency';
      k.owner = 'team-sre';
      k.tags = ['service:checkout'];
    });
    const [spec] = catalogToSloth(catalogOf(a, b)).specs;
    expect(spec.labels).toBeUndefined();
    expect(spec.slos.map((slo) => slo.labels?.owner)).toEqual(['team-payments', 'team-sre']);
  });

  test('an owner with spaces becomes a Sloth service name, and the owner label keeps it', () => {
    const [spec] = catalogToSloth(catalogOf(withExportable((k) => (k.owner = 'Team Payments (EU)')))).specs;
    expect([spec.service, spec.labels]).toEqual(['Team-Payments-EU', { owner: 'Team Payments (EU)' }]);
  });

  test('a tier switched off is a disabled alert, a renamed tier the alert severity label', () => {
    const kpi = withExportable((k) => {
      k.alerting = { policy: 'default', page: { severity: 'critical' }, ticket: { enabled: false } };
    });
    const slo: SlothSlo = catalogToSloth(catalogOf(kpi)).specs[0].slos[0];
    expect([slo.alerting.page_alert, slo.alerting.ticket_alert]).toEqual([
      { labels: { severity: 'critical' } },
      { disable: true },
    ]);
  });

  test('a ticket-only policy made of the default ticket rows disables the page alert', () => {
    const kpi = withExportable((k) => {
      k.alerting = {
        policy: 'custom',
        rules: [
          { severity: 'ticket', budgetFraction: 0.1, long: '1d' },
          { severity: 'ticket', budgetFraction: 0.1, long: '3d', short: '6h' },
        ],
      };
    });
    const slo: SlothSlo = catalogToSloth(catalogOf(kpi)).specs[0].slos[0];
    expect([slo.alerting.page_alert, slo.alerting.ticket_alert]).toEqual([
      { disable: true },
      { labels: { severity: 'ticket' } },
    ]);
  });

  test.each([
    [
      'a draft',
      withExportable((k) => (k.status = 'draft')),
      'kpis[0] (checkout-availability).status: draft KPIs are not exported: Sloth generates rules for every SLO it reads',
    ],
    [
      'a threshold KPI',
      withExportable((k) => (k.indicator = { type: 'threshold', query: 'q', comparator: '<', threshold: 1 })),
      "kpis[0] (checkout-availability).indicator.type: threshold KPIs count good slices, not events; Sloth's " +
        'events SLI needs error and total queries',
    ],
    [
      'a KPI of another window',
      withExportable((k) => (k.objective.window = '7d')),
      'kpis[0] (checkout-availability).objective.window: 7d is not the SLO period of this export (30d); Sloth ' +
        'takes the period from the command line (--default-slo-period), so export each window on its own (--window 7d)',
    ],
    [
      'a custom policy with its own factors',
      withExportable(
        (k) => (k.alerting = { policy: 'custom', rules: [{ severity: 'page', factor: 2, long: '1h', short: '5m' }] })
      ),
      'kpis[0] (checkout-availability).alerting: custom burn-rate rules cannot be written in a Sloth spec: Sloth ' +
        'takes its alert windows from one AlertWindows file per run; only the default policy (or all default rows ' +
        'of one severity) converts',
    ],
    [
      'a per-label KPI',
      withExportable(
        (k) =>
          (k.indicator = {
            type: 'ratio',
            good: 'sum by (route) (rate(g[$__rate_interval]))',
            total: 'sum by (route) (rate(t[$__rate_interval]))',
            groupBy: ['route'],
          })
      ),
      'kpis[0] (checkout-availability).indicator.groupBy: per-label KPIs have no Sloth equivalent (slok/sloth#277): ' +
        'its rules would drop the route label; use northstar rules for this KPI',
    ],
    [
      'a KPI on Loki',
      withExportable((k) => (k.datasource = { type: 'loki', uid: 'logs' })),
      'kpis[0] (checkout-availability).datasource.type: "loki" is not Prometheus; Sloth writes Prometheus rules',
    ],
    [
      'a query with a fixed range',
      withExportable((k) => (k.indicator = { type: 'ratio', good: 'sum(rate(g[5m]))', total: 't[$__rate_interval]' })),
      'kpis[0] (checkout-availability).indicator.good: has no $__rate_interval; Sloth needs {{.window}} in every ' +
        'SLI query to evaluate it per window',
    ],
  ])('%s is refused and named', (_name, kpi, expected) => {
    const { specs, problems } = catalogToSloth(catalogOf(kpi));
    expect(specs).toEqual([]);
    expect(problems.map(formatSlothExportProblem)).toEqual([expected]);
  });

  test('the SLO period of the export can be another window', () => {
    const kpi = withExportable((k) => (k.objective.window = '28d'));
    expect(catalogToSloth(catalogOf(kpi), { window: '28d' }).specs).toHaveLength(1);
  });
});
