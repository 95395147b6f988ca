/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import { sourcedKpis, type KpiDefinition } from '../../model';
import { catalogToSloth } from './export';
import { slothToCatalog } from './import';
import type { SlothSpec } from './types';
import { catalogOf, exampleDocs, exportableKpi, withExportable } from './testSpecs';

describe('round trips', () => {
  test('Sloth → catalog → Sloth keeps every field both formats have', () => {
    const original = exampleDocs() as SlothSpec[];
    const { specs, problems } = catalogToSloth(slothToCatalog(original).catalog);
    expect(problems).toEqual([]);
    // Sloth reads `{{ .window }}` like `{{.window}}`, and YAML block scalars add a final line break.
    const query = (text: string | undefined) => text?.trim().replace(/\{\{ \.window \}\}/g, '{{.window}}');
    const shared = (docs: SlothSpec[]) =>
      docs.map((doc) => ({
        service: doc.service,
        owner: doc.labels?.owner,
        slos: doc.slos.map((slo) => ({
          name: slo.name,
          objective: slo.objective,
          description: slo.description,
          errorQuery: query(slo.sli.events?.error_query),
          totalQuery: query(slo.sli.events?.total_query),
          page: slo.alerting.page_alert?.disable !== true,
          ticket: slo.alerting.ticket_alert?.disable !== true,
          runbook: slo.alerting.annotations?.runbook_url ?? slo.alerting.annotations?.runbook,
        })),
      }));
    expect(shared(specs)).toEqual(shared(original));
  });

  test('catalog → Sloth → catalog keeps every field both formats have', () => {
    const kpis = [
      exportableKpi(),
      withExportable((k) => {
        k.id = 'checkout-latency';
        k.version = 1;
        k.description = undefined;
        k.indicator = {
          type: 'ratio',
          good: 'sum(rate(latency_bucket{le="0.3"}[$__rate_interval]))',
          total: 'sum(rate(latency_count[$__rate_interval]))',
        };
        k.objective.target = 0.995;
        k.alerting = { policy: 'default', ticket: { enabled: false } };
        k.links = undefined;
      }),
      withExportable((k) => {
        k.id = 'payments-charge-success';
        k.owner = 'team-billing';
        k.tags = ['service:payments'];
        k.alerting = { policy: 'default', page: { severity: 'critical' } };
      }),
    ];
    const { specs, problems } = catalogToSloth(catalogOf(...kpis));
    expect(problems).toEqual([]);
    const back = slothToCatalog(specs).catalog.kpis;
    const shared = (kpi: KpiDefinition) => ({
      id: kpi.id,
      version: kpi.version,
      owner: kpi.owner,
      description: kpi.description,
      indicator: kpi.indicator,
      objective: kpi.objective,
      alerting: kpi.alerting ?? { policy: 'default' },
      runbook: kpi.links?.runbook,
    });
    expect(sourcedKpis(back).map(shared)).toEqual(sourcedKpis(kpis).map(shared));
  });
});
