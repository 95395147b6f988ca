/**
 * The panel's option editors (Grafana's options builder) and its standard field config. module.ts only wires
 * these in.
 */
import {
  FieldConfigProperty,
  type PanelOptionsEditorBuilder,
  type SelectableValue,
  type SetFieldConfigOptionsArgs,
  type StandardEditorContext,
} from '@grafana/data';
import { LazyKpiPicker } from './LazyKpiPicker';
import { defaultKpiPanelOptions as defaults, type KpiPanelOptions } from '../../reading';

const KPI = ['KPI'];
const OBJECTIVE = ['Objective (manual KPI)'];
const DISPLAY = ['Display'];

const isManual = (o: KpiPanelOptions) => o.source === 'manual';
const isCatalog = (o: KpiPanelOptions) => o.source !== 'manual';
/** Catalog KPIs bring their own indicator type, so both query mappings are offered. */
const usesRatio = (o: KpiPanelOptions) => isCatalog(o) || o.indicatorType !== 'threshold';
const usesThreshold = (o: KpiPanelOptions) =>
  isCatalog(o) ? o.queries !== 'recorded' : o.indicatorType === 'threshold';

/** The refIds of the panel's data, offered in the query pickers (a refId can also be typed). */
async function refIdChoices(context: StandardEditorContext<unknown>): Promise<Array<SelectableValue<string>>> {
  const refIds = [
    ...new Set(context.data.map((frame) => frame.refId).filter((refId): refId is string => Boolean(refId))),
  ];
  return refIds.map((refId) => ({ value: refId, label: refId }));
}

const refIdSettings = { allowCustomValue: true, options: [], getOptions: refIdChoices };

export function addKpiPanelOptions(builder: PanelOptionsEditorBuilder<KpiPanelOptions>): void {
  builder
    .addRadio({
      path: 'source',
      name: 'KPI source',
      description: "A KPI from the app's catalog, or a target set here",
      category: KPI,
      defaultValue: defaults.source,
      settings: {
        options: [
          { value: 'catalog', label: 'Catalog KPI' },
          { value: 'manual', label: 'Manual' },
        ],
      },
    })
    .addCustomEditor({
      id: 'kpiId',
      path: 'kpiId',
      name: 'KPI',
      description: 'Target, window and alert policy come from the catalog',
      category: KPI,
      editor: LazyKpiPicker,
      showIf: isCatalog,
    })
    .addRadio({
      path: 'queries',
      name: 'Queries',
      description: "What the queries return: the KPI's own, or the series `northstar rules` records for it",
      category: KPI,
      defaultValue: defaults.queries,
      showIf: isCatalog,
      settings: {
        options: [
          { value: 'kpi', label: "The KPI's queries", description: 'Good and total per second, or the value' },
          {
            value: 'recorded',
            label: 'Recorded series',
            description: 'Good and total per second from northstar:… records, for any KPI type',
          },
        ],
      },
    })
    .addRadio({
      path: 'indicatorType',
      name: 'Indicator',
      category: KPI,
      defaultValue: defaults.indicatorType,
      showIf: isManual,
      settings: {
        options: [
          { value: 'ratio', label: 'Good / total events', description: 'Two queries returning events per second' },
          { value: 'threshold', label: 'Value vs threshold', description: 'One query; each step is good or bad' },
        ],
      },
    })
    .addSelect({
      path: 'goodRefId',
      name: 'Good events query',
      description: "refId of the query returning good events per second (ratio KPIs), or a value KPI's numerator",
      category: KPI,
      defaultValue: defaults.goodRefId,
      showIf: usesRatio,
      settings: refIdSettings,
    })
    .addSelect({
      path: 'totalRefId',
      name: 'Total events query',
      description: "refId of the query returning all events per second (ratio KPIs), or a value KPI's denominator",
      category: KPI,
      defaultValue: defaults.totalRefId,
      showIf: usesRatio,
      settings: refIdSettings,
    })
    .addSelect({
      path: 'valueRefId',
      name: 'Value query',
      description:
        "refId of the query whose value is compared with the threshold (threshold KPIs), or a value KPI's query",
      category: KPI,
      defaultValue: defaults.valueRefId,
      showIf: usesThreshold,
      settings: refIdSettings,
    })
    .addRadio({
      path: 'policy',
      name: 'Burn-rate policy',
      description: 'Which rules decide page and ticket',
      category: KPI,
      defaultValue: defaults.policy,
      showIf: isCatalog,
      settings: {
        options: [
          { value: 'kpi', label: "The KPI's own" },
          { value: 'default', label: 'Default (SRE workbook)' },
        ],
      },
    })
    .addNumberInput({
      path: 'targetPercent',
      name: 'Target (%)',
      description: 'Share of good events or steps, strictly between 0 and 100, e.g. 99.9',
      category: OBJECTIVE,
      defaultValue: defaults.targetPercent,
      showIf: isManual,
    })
    .addTextInput({
      path: 'window',
      name: 'SLO window',
      description: 'Rolling window as a duration, e.g. 28d, 7d, 1h30m',
      category: OBJECTIVE,
      defaultValue: defaults.window,
      showIf: isManual,
    })
    .addRadio({
      path: 'comparator',
      name: 'A step is good when the value is',
      category: OBJECTIVE,
      defaultValue: defaults.comparator,
      showIf: (o) => isManual(o) && o.indicatorType === 'threshold',
      settings: {
        options: [
          { value: '<', label: '<' },
          { value: '<=', label: '≤' },
          { value: '>', label: '>' },
          { value: '>=', label: '≥' },
        ],
      },
    })
    .addNumberInput({
      path: 'threshold',
      name: 'Threshold',
      description: 'In the unit of the value query (set Standard options → Unit to match)',
      category: OBJECTIVE,
      defaultValue: defaults.threshold,
      showIf: (o) => isManual(o) && o.indicatorType === 'threshold',
    })
    .addRadio({
      path: 'view',
      name: 'View',
      description: 'How the KPI is shown; small panels switch to a compact layout',
      category: DISPLAY,
      defaultValue: defaults.view,
      settings: {
        options: [
          { value: 'stat', label: 'Stat' },
          { value: 'burn-rate-table', label: 'Burn-rate table' },
          { value: 'budget-burndown', label: 'Budget burndown' },
          { value: 'compact-list', label: 'Compact list' },
        ],
      },
    })
    .addNumberInput({
      path: 'budgetWarningPercent',
      name: 'Budget warning below (%)',
      description: 'Display threshold: the budget bar turns orange below this share of the budget',
      category: DISPLAY,
      defaultValue: defaults.budgetWarningPercent,
    })
    .addNumberInput({
      path: 'budgetCriticalPercent',
      name: 'Budget critical below (%)',
      description: 'Display threshold: the budget bar turns red below this share (an overspent budget always does)',
      category: DISPLAY,
      defaultValue: defaults.budgetCriticalPercent,
    });
}

/** Unit and decimals apply to threshold values and percentages; the other standard options mean nothing here. */
export const kpiFieldConfig: SetFieldConfigOptionsArgs = {
  standardOptions: {
    [FieldConfigProperty.Unit]: {},
    [FieldConfigProperty.Decimals]: {},
  },
  disableStandardOptions: [
    FieldConfigProperty.Min,
    FieldConfigProperty.Max,
    FieldConfigProperty.FieldMinMax,
    FieldConfigProperty.DisplayName,
    FieldConfigProperty.NoValue,
    FieldConfigProperty.Thresholds,
    FieldConfigProperty.Mappings,
    FieldConfigProperty.Links,
    FieldConfigProperty.Actions,
    FieldConfigProperty.Color,
    FieldConfigProperty.Filterable,
  ],
};
