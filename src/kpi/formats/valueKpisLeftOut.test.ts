import { CATALOG_API_VERSION, CATALOG_KIND, type Catalog, type ValueKpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { catalogToOpenSlo, compositesLeftOut } from './openslo/export';
import { catalogToSloth } from './sloth/export';

const conversion: ValueKpiDefinition = {
  id: 'checkout-conversion',
  version: 2,
  status: 'published',
  name: 'Checkout conversion',
  owner: 'team-growth',
  datasource: { type: 'prometheus', uid: 'prom' },
  indicator: {
    type: 'value',
    numerator: 'sum(rate(orders_total[5m]))',
    denominator: 'sum(rate(carts_total[5m]))',
    unit: 'percentunit',
  },
  objective: { direction: 'higher', target: 0.03, warning: 0.028, window: '28d' },
};

const catalog: Catalog = {
  apiVersion: CATALOG_API_VERSION,
  kind: CATALOG_KIND,
  kpis: [conversion, checkoutKpi()],
};

describe('value KPIs in SLO formats', () => {
  test('OpenSLO export writes the SLO only and names the value KPI it leaves out', () => {
    expect(catalogToOpenSlo(catalog).map((doc) => doc.metadata.name)).toEqual([catalog.kpis[1].id]);
    expect(compositesLeftOut(catalog)).toEqual([
      'checkout-conversion: left out, a value KPI is not an SLO: OpenSLO v1 has no form for a value against a target',
    ]);
  });

  test('Sloth export refuses the value KPI, naming it and the field', () => {
    const exported = catalogToSloth(catalog, { window: '28d' });
    expect(exported.problems).toEqual([
      expect.objectContaining({ index: 0, id: 'checkout-conversion', field: 'indicator.type' }),
    ]);
    expect(exported.problems[0].message).toContain('a value KPI has no Sloth form');
  });
});
