/** The Sloth example of examples/sloth and a KPI Sloth can express, which the Sloth tests share. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import type { Catalog, KpiDefinition } from '../../model';
import { checkoutKpi } from '../../../testing/checkoutKpi';

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'sloth', 'checkout.yaml');

export function exampleDocs(): unknown[] {
  return parseAllDocuments(readFileSync(EXAMPLE, 'utf8')).map((doc) => doc.toJS());
}

/** A published ratio KPI that converts to Sloth: 99.9 % over 30d, default policy. */
export function exportableKpi(): KpiDefinition {
  return checkoutKpi({
    indicator: {
      good: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
      total: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
    },
    objective: { target: 0.999, window: '30d' },
    links: { runbook: 'https://runbooks.example.com/checkout' },
  });
}

export function withExportable(change: (kpi: KpiDefinition) => void): KpiDefinition {
  const kpi = exportableKpi();
  change(kpi);
  return kpi;
}

export function catalogOf(...kpis: KpiDefinition[]): Catalog {
  return { apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis };
}
