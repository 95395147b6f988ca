import { PanelOptionsEditorBuilder, standardEditorsRegistry } from '@grafana/data';
import { addKpiPanelOptions } from './options';
import { manualOptions } from '../../testing/panelFixtures';
import { defaultKpiPanelOptions, type KpiPanelOptions } from '../../reading';

// Grafana registers its option editors at start-up; the builder only needs their ids here.
standardEditorsRegistry.setInit(() =>
  ['radio', 'select', 'number', 'text'].map((id) => ({ id, name: id, editor: () => null }))
);

function optionItems() {
  const builder = new PanelOptionsEditorBuilder<KpiPanelOptions>();
  addKpiPanelOptions(builder);
  return builder.getItems();
}

const shownFor = (options: KpiPanelOptions) =>
  optionItems()
    .filter((item) => !item.showIf || item.showIf(options, []))
    .map((item) => item.path);

describe('panel options', () => {
  test('every option has a default equal to defaultKpiPanelOptions, so saved panels and new ones agree', () => {
    for (const item of optionItems()) {
      if (item.path !== 'kpiId') {
        expect([item.path, item.defaultValue]).toEqual([
          item.path,
          defaultKpiPanelOptions[item.path as keyof KpiPanelOptions],
        ]);
      }
    }
  });

  test('a catalog KPI: pick the KPI, map the queries, choose the policy; no target or window to type', () => {
    expect(shownFor({ ...defaultKpiPanelOptions, source: 'catalog' })).toEqual([
      'source',
      'kpiId',
      'queries',
      'goodRefId',
      'totalRefId',
      'valueRefId',
      'policy',
      'view',
      'budgetWarningPercent',
      'budgetCriticalPercent',
    ]);
  });

  test('a catalog KPI on recorded series: good and total whatever the KPI type, no value query', () => {
    expect(shownFor({ ...defaultKpiPanelOptions, source: 'catalog', queries: 'recorded' })).toEqual([
      'source',
      'kpiId',
      'queries',
      'goodRefId',
      'totalRefId',
      'policy',
      'view',
      'budgetWarningPercent',
      'budgetCriticalPercent',
    ]);
  });

  test('a manual ratio KPI: good and total queries, target and window', () => {
    expect(shownFor(manualOptions())).toEqual([
      'source',
      'indicatorType',
      'goodRefId',
      'totalRefId',
      'targetPercent',
      'window',
      'view',
      'budgetWarningPercent',
      'budgetCriticalPercent',
    ]);
  });

  test('a manual threshold KPI: the value query, comparator and threshold', () => {
    expect(shownFor(manualOptions({ indicatorType: 'threshold' }))).toEqual([
      'source',
      'indicatorType',
      'valueRefId',
      'targetPercent',
      'window',
      'comparator',
      'threshold',
      'view',
      'budgetWarningPercent',
      'budgetCriticalPercent',
    ]);
  });
});
