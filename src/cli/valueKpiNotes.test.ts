import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { validateCatalog } from '../kpi/catalog';
import { generateRuleGroups } from '../kpi/rules';
import { valueKpiNotes } from './valueKpiNotes';

const loaded = validateCatalog(parse(readFileSync(join(__dirname, '../../testdata/validate/good/value.yaml'), 'utf8')));
const kpis = loaded.ok ? loaded.catalog.kpis : [];

describe('value KPIs in SLO-only commands', () => {
  test('rules leave every value KPI out, and the note names each published one', () => {
    expect(kpis).toHaveLength(4);
    expect(generateRuleGroups(kpis)).toEqual([]);
    expect(valueKpiNotes(kpis, 'rules')).toEqual([
      'note: kpis[0] (checkout-conversion): a value KPI has no burn-rate rules: it has no error budget to burn (a value alert is not written yet)',
      'note: kpis[1] (monthly-revenue): a value KPI has no burn-rate rules: it has no error budget to burn (a value alert is not written yet)',
      'note: kpis[2] (cost-per-1k-requests): a value KPI has no burn-rate rules: it has no error budget to burn (a value alert is not written yet)',
    ]);
  });

  test('asked for by id, a draft value KPI is named too', () => {
    expect(valueKpiNotes(kpis, 'dashboards', 'temperature-delta')).toEqual([
      'note: kpis[3] (temperature-delta): a value KPI gets its executive view only: the on-call and debug dashboards show burn rates and error budgets, which only SLOs have',
    ]);
  });
});
