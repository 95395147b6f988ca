import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { validateCatalog } from '../kpi/catalog';
import { generateRuleGroups } from '../kpi/rules';
import { valueKpiNotes } from './valueKpiNotes';

const loaded = validateCatalog(parse(readFileSync(join(__dirname, '../../testdata/validate/good/value.yaml'), 'utf8')));
const kpis = loaded.ok ? loaded.catalog.kpis : [];

describe('what the commands note about value KPIs', () => {
  test('rules: a group per published value KPI, and a note for each calendar window read as a rolling one', () => {
    expect(kpis).toHaveLength(4);
    expect(generateRuleGroups(kpis).map((group) => group.name)).toEqual([
      'northstar-kpi-checkout-conversion',
      'northstar-kpi-monthly-revenue',
      'northstar-kpi-cost-per-1k-requests',
    ]);
    expect(valueKpiNotes(kpis, 'rules')).toEqual([
      'note: kpis[0] (checkout-conversion): a value KPI is judged over the rolling 30d in the rules: PromQL has no calendar, so this month reads as its length',
      'note: kpis[1] (monthly-revenue): a value KPI is judged over the rolling 30d in the rules: PromQL has no calendar, so this month reads as its length',
    ]);
  });

  test('asked for by id, a draft value KPI is named too', () => {
    expect(valueKpiNotes(kpis, 'dashboards', 'temperature-delta')).toEqual([
      'note: kpis[3] (temperature-delta): a value KPI gets its executive view only: the on-call and debug dashboards show burn rates and error budgets, which only SLOs have',
    ]);
  });
});
