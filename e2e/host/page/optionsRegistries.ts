/**
 * Grafana's app fills two registries of @grafana/data at boot, and panel plugins need them when they declare
 * options (`builder.addRadio(...)` looks up the "radio" editor) or use standard field options (unit, decimals,
 * thresholds, ...). The field options here are Grafana's own (public/app/core/components/OptionsUI/registry.tsx)
 * with @grafana/data's processors; the editors are placeholders, because the host has no panel editor.
 */
import {
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  FieldType,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  ThresholdsMode,
  valueMappingsOverrideProcessor,
  type FieldConfigPropertyItem,
  type StandardEditorsRegistryItem,
} from '@grafana/data';

const EDITOR_IDS = [
  'text',
  'number',
  'slider',
  'boolean',
  'radio',
  'select',
  'unit',
  'links',
  'stats-picker',
  'strings',
  'timezone',
  'fieldColor',
  'color',
  'multi-select',
  'field-name',
  'dashboard-uid',
  'mappings',
  'thresholds',
];

/** Option editors render only in Grafana's panel editor, which the host does not have. */
const NoEditorInHost = () => null;

const editorItem = (id: string): StandardEditorsRegistryItem => ({
  id,
  name: id,
  description: '',
  editor: NoEditorInHost,
});

function standardFieldConfigs(): FieldConfigPropertyItem[] {
  const category = ['Standard options'];
  const editor = NoEditorInHost;
  const common = { editor, override: editor, category, shouldApply: () => true };
  const isNumber = (field: { type: FieldType }) => field.type === FieldType.number;
  return [
    {
      ...common,
      id: 'unit',
      path: 'unit',
      name: 'Unit',
      process: stringOverrideProcessor,
      settings: { placeholder: 'none' },
    },
    { ...common, id: 'min', path: 'min', name: 'Min', process: numberOverrideProcessor, shouldApply: isNumber },
    { ...common, id: 'max', path: 'max', name: 'Max', process: numberOverrideProcessor, shouldApply: isNumber },
    {
      ...common,
      id: 'decimals',
      path: 'decimals',
      name: 'Decimals',
      process: numberOverrideProcessor,
      settings: { min: 0, max: 15, integer: true },
      shouldApply: isNumber,
    },
    { ...common, id: 'displayName', path: 'displayName', name: 'Display name', process: displayNameOverrideProcessor },
    {
      ...common,
      id: 'color',
      path: 'color',
      name: 'Color scheme',
      process: identityOverrideProcessor,
      settings: { byValueSupport: true, preferThresholdsMode: true },
    },
    { ...common, id: 'noValue', path: 'noValue', name: 'No value', process: stringOverrideProcessor },
    {
      ...common,
      id: 'links',
      path: 'links',
      name: 'Data links',
      process: dataLinksOverrideProcessor,
      category: ['Data links'],
    },
    {
      ...common,
      id: 'mappings',
      path: 'mappings',
      name: 'Value mappings',
      process: valueMappingsOverrideProcessor,
      defaultValue: [],
      shouldApply: (field) => field.type !== FieldType.time,
      category: ['Value mappings'],
    },
    {
      ...common,
      id: 'thresholds',
      path: 'thresholds',
      name: 'Thresholds',
      process: thresholdsOverrideProcessor,
      defaultValue: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'green' },
          { value: 80, color: 'red' },
        ],
      },
      category: ['Thresholds'],
    },
    {
      ...common,
      id: 'filterable',
      path: 'filterable',
      name: 'Ad-hoc filterable',
      process: booleanOverrideProcessor,
      hideFromDefaults: true,
    },
  ];
}

export function installOptionsRegistries(): void {
  standardEditorsRegistry.setInit(() => EDITOR_IDS.map(editorItem));
  standardFieldConfigEditorRegistry.setInit(standardFieldConfigs);
}
