/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { sourcedKpis, type KpiDefinition } from '../../model';
import { validateCatalog } from '../../catalog';
import { formatSlothProblem, slothToCatalog } from './import';
import { exampleDocs } from './testSpecs';

/** A Sloth SLO of the checkout service: 5xx errors over all requests, page and ticket alerts. */
function baseSlo(): Record<string, unknown> {
  return {
    name: 'requests-availability',
    objective: 99.9,
    description: 'Share of checkout requests served without a 5xx.',
    sli: {
      events: {
        error_query: 'sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))',
        total_query: 'sum(rate(http_requests_total{job="checkout"}[{{.window}}]))',
      },
    },
    alerting: { name: 'CheckoutHighErrorRate', page_alert: {}, ticket_alert: {} },
  };
}

function spec(...slos: Array<Record<string, unknown>>): Record<string, unknown> {
  return { version: 'prometheus/v1', service: 'checkout', labels: { owner: 'team-payments' }, slos };
}

function withSlo(change: (slo: Record<string, unknown>) => void): Record<string, unknown> {
  const slo = baseSlo();
  change(slo);
  return slo;
}

function importOne(slo: Record<string, unknown>): KpiDefinition {
  const { catalog, problems } = slothToCatalog([spec(slo)]);
  expect(problems.map(formatSlothProblem)).toEqual([]);
  expect(catalog.kpis).toHaveLength(1);
  return sourcedKpis(catalog.kpis)[0];
}

function refusalOf(slo: Record<string, unknown>): string {
  const { catalog, problems } = slothToCatalog([spec(slo)]);
  expect(catalog.kpis).toEqual([]);
  expect(problems).toHaveLength(1);
  return formatSlothProblem(problems[0]);
}

describe('slothToCatalog', () => {
  test('an events SLO becomes a published ratio KPI: good = total − errors, {{.window}} = $__rate_interval', () => {
    expect(importOne(baseSlo())).toEqual({
      id: 'checkout-requests-availability',
      version: 1,
      status: 'published',
      name: 'requests-availability',
      description: 'Share of checkout requests served without a 5xx.',
      owner: 'team-payments',
      tags: ['service:checkout'],
      datasource: { type: 'prometheus', uid: 'prometheus' },
      indicator: {
        type: 'ratio',
        good:
          '(sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))) - ' +
          '(sum(rate(http_requests_total{job="checkout",code=~"5.."}[$__rate_interval])))',
        total: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
      },
      objective: { target: 0.999, window: '30d' },
      alerting: { policy: 'default' },
    });
  });

  test('the imported catalog passes the catalog schema', () => {
    expect(validateCatalog(slothToCatalog(exampleDocs()).catalog)).toMatchObject({ ok: true });
  });

  test.each([
    ['99.9 % is a target of 0.999, not 0.9990000000000001', 99.9, 0.999],
    ['99.95 % is a target of 0.9995', 99.95, 0.9995],
    ['95 % is a target of 0.95', 95, 0.95],
  ])('objective: %s', (_name, objective, target) => {
    expect(importOne(withSlo((s) => (s.objective = objective))).objective.target).toBe(target);
  });

  test.each([
    ['page and ticket alerts give the default policy', {}, {}, { policy: 'default' }],
    [
      'a disabled page alert turns the page tier off',
      { disable: true },
      {},
      { policy: 'default', page: { enabled: false } },
    ],
    [
      'a disabled ticket alert turns the ticket tier off',
      {},
      { disable: true },
      { policy: 'default', ticket: { enabled: false } },
    ],
    [
      'a severity label other than the tier name becomes the tier severity',
      { labels: { severity: 'critical' } },
      { labels: { severity: 'ticket' } },
      { policy: 'default', page: { severity: 'critical' } },
    ],
  ])('alerting: %s', (_name, page, ticket, expected) => {
    const slo = withSlo((s) => (s.alerting = { name: 'X', page_alert: page, ticket_alert: ticket }));
    expect(importOne(slo).alerting).toEqual(expected);
  });

  test.each([
    ['runbook_url', 'https://runbooks.example.com/a'],
    ['runbook', 'https://runbooks.example.com/b'],
  ])('a %s annotation becomes the runbook link', (key, url) => {
    const slo = withSlo((s) => (s.alerting = { name: 'X', annotations: { [key]: url } }));
    expect(importOne(slo).links).toEqual({ runbook: url });
  });

  test('kpi_id and kpi_version labels give the id and version back', () => {
    const slo = withSlo((s) => (s.labels = { kpi_id: 'checkout-availability', kpi_version: '4' }));
    expect(importOne(slo)).toMatchObject({ id: 'checkout-availability', version: 4 });
  });

  test('an SLO owner label wins over the spec owner, and without any the service owns the KPI', () => {
    expect(importOne(withSlo((s) => (s.labels = { owner: 'team-sre' }))).owner).toBe('team-sre');
    const { catalog } = slothToCatalog([{ version: 'prometheus/v1', service: 'checkout', slos: [baseSlo()] }]);
    expect(catalog.kpis[0].owner).toBe('checkout');
  });

  test('Sloth names with capitals, dots and underscores give a lower-case id with dashes', () => {
    expect(importOne(withSlo((s) => (s.name = 'Requests_Availability.v2'))).id).toBe(
      'checkout-requests-availability-v2'
    );
  });

  test('the SLO period and the data source can be given', () => {
    const { catalog } = slothToCatalog([spec(baseSlo())], {
      window: '28d',
      datasource: { type: 'prometheus', uid: 'mimir' },
    });
    expect(catalog.kpis[0].objective.window).toBe('28d');
    expect(catalog.kpis[0].datasource).toEqual({ type: 'prometheus', uid: 'mimir' });
  });

  test('every field the catalog does not carry is named in one note per SLO', () => {
    const { notes } = slothToCatalog(exampleDocs());
    expect(notes.map(formatSlothProblem)).toEqual([
      'documents[0] (checkout).slos[0] (requests-availability).(not carried over): labels.tier, alerting.name, ' +
        'alerting.labels.category',
      'documents[0] (checkout).slos[1] (requests-latency).(not carried over): labels.tier, alerting.name, ' +
        'alerting.labels.category',
      'documents[1] (payments-api).slos[0] (charge-success).(not carried over): alerting.name',
    ]);
  });

  test('a Kubernetes PrometheusServiceLevel with camelCase keys reads like the plain spec', () => {
    const crd = {
      apiVersion: 'sloth.slok.dev/v1',
      kind: 'PrometheusServiceLevel',
      metadata: { name: 'checkout', namespace: 'monitoring' },
      spec: {
        service: 'checkout',
        labels: { owner: 'team-payments' },
        slos: [
          {
            ...baseSlo(),
            sli: {
              events: {
                errorQuery: 'sum(rate(errors[{{.window}}]))',
                totalQuery: 'sum(rate(all[{{.window}}]))',
              },
            },
            alerting: { name: 'X', pageAlert: { disable: true }, ticketAlert: {} },
          },
        ],
      },
    };
    const { catalog, problems } = slothToCatalog([crd]);
    expect(problems).toEqual([]);
    expect(catalog.kpis[0].indicator).toEqual({
      type: 'ratio',
      good: '(sum(rate(all[$__rate_interval]))) - (sum(rate(errors[$__rate_interval])))',
      total: 'sum(rate(all[$__rate_interval]))',
    });
    expect(catalog.kpis[0].alerting).toEqual({ policy: 'default', page: { enabled: false } });
  });
});

describe('slothToCatalog: SLOs it cannot convert are refused one by one', () => {
  test.each([
    [
      'an SLI plugin, which only runs inside Sloth',
      withSlo((s) => (s.sli = { plugin: { id: 'sloth-common/kubernetes/apiserver/availability' } })),
      'documents[0] (checkout).slos[0] (requests-availability).sli.plugin: SLI plugin ' +
        '"sloth-common/kubernetes/apiserver/availability" writes its query inside Sloth when it generates rules; ' +
        'northstar cannot run it. Write the SLI as events (error_query and total_query)',
    ],
    [
      'a raw error-ratio SLI, which has no event counts',
      withSlo((s) => (s.sli = { raw: { error_ratio_query: '1 - avg_over_time(up[{{.window}}])' } })),
      'documents[0] (checkout).slos[0] (requests-availability).sli.raw: a precomputed error ratio carries no ' +
        'event counts, and northstar weighs windows by events; write the SLI as events (error_query and total_query)',
    ],
    [
      'an SLO with both alerts disabled',
      withSlo((s) => (s.alerting = { page_alert: { disable: true }, ticket_alert: { disable: true } })),
      'documents[0] (checkout).slos[0] (requests-availability).alerting: both page_alert and ticket_alert are ' +
        'disabled; a northstar KPI always has a burn-rate policy, so enable at least one of them',
    ],
    [
      'an objective of 100 %',
      withSlo((s) => (s.objective = 100)),
      'documents[0] (checkout).slos[0] (requests-availability).objective: 100 leaves no error budget: a KPI ' +
        'target is below 100 %',
    ],
    [
      'a query without {{.window}}',
      withSlo(
        (s) => (s.sli = { events: { error_query: 'sum(rate(e[5m]))', total_query: 'sum(rate(t[{{.window}}]))' } })
      ),
      'documents[0] (checkout).slos[0] (requests-availability).sli.events.error_query: has no {{.window}}; Sloth ' +
        'needs it in every SLI query, and so does northstar',
    ],
    [
      'a query with another template action',
      withSlo(
        (s) =>
          (s.sli = {
            events: { error_query: 'sum(rate(e{job="{{.service}}"}[{{.window}}]))', total_query: 't[{{.window}}]' },
          })
      ),
      'documents[0] (checkout).slos[0] (requests-availability).sli.events.error_query: has a Go template action ' +
        'other than {{.window}}, which northstar cannot expand',
    ],
    [
      'an SLO whose id would be longer than 63 characters',
      withSlo((s) => (s.name = 'x'.repeat(60))),
      `documents[0] (checkout).slos[0] (${'x'.repeat(60)}).name: the KPI id "checkout-${'x'.repeat(60)}" ` +
        '(service and name) is not a northstar id: lower-case letters, digits and dashes, at most 63 characters; ' +
        'shorten the name or give the SLO a kpi_id label',
    ],
    [
      'a kpi_id label that is not a northstar id',
      withSlo((s) => (s.labels = { kpi_id: 'Checkout_Availability' })),
      'documents[0] (checkout).slos[0] (requests-availability).labels.kpi_id: "Checkout_Availability" is not a ' +
        'northstar id: lower-case letters, digits and dashes, at most 63 characters',
    ],
    [
      'an SLI with both events and raw',
      withSlo((s) => (s.sli = { ...(s.sli as object), raw: { error_ratio_query: 'x' } })),
      'documents[0] (checkout).slos[0] (requests-availability).sli: has events and raw; give one',
    ],
  ])('%s', (_name, slo, expected) => {
    expect(refusalOf(slo)).toBe(expected);
  });

  test('the other SLOs of the spec still convert', () => {
    const plugin = withSlo((s) => {
      s.name = 'apiserver';
      s.sli = { plugin: { id: 'p' } };
    });
    const { catalog, problems } = slothToCatalog([
      spec(
        baseSlo(),
        plugin,
        withSlo((s) => (s.name = 'other'))
      ),
    ]);
    expect(catalog.kpis.map((kpi) => kpi.id)).toEqual(['checkout-requests-availability', 'checkout-other']);
    expect(problems.map((p) => [p.slo?.index, p.field])).toEqual([[1, 'sli.plugin']]);
  });

  test.each([
    [
      'a document of another version',
      { version: 'prometheus/v2', service: 'x', slos: [] },
      'documents[0].version: is "prometheus/v2"; only prometheus/v1 specs are supported',
    ],
    [
      'an OpenSLO document',
      { apiVersion: 'openslo/v1', kind: 'SLO' },
      'documents[0].apiVersion: openslo/v1 is OpenSLO; convert it with --from openslo',
    ],
    [
      'a spec without SLOs',
      { version: 'prometheus/v1', service: 'checkout' },
      'documents[0] (checkout).slos: missing or empty; a spec needs at least one SLO',
    ],
  ])('%s is refused as a whole', (_name, doc, expected) => {
    expect(slothToCatalog([doc]).problems.map(formatSlothProblem)).toEqual([expected]);
  });
});
