import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, SelectableValue, StandardEditorProps } from '@grafana/data';
import { Alert, Select, useStyles2 } from '@grafana/ui';
import { formatPercent } from '../../components/format';
import { testIds } from '../../components/testIds';
import type { KpiDefinition } from '../../kpi/model';
import { defaultKpiPanelOptions, type KpiPanelOptions } from './types';
import { useAppCatalog } from './useAppCatalog';

type Props = StandardEditorProps<string | undefined, unknown, KpiPanelOptions>;

function optionOf(kpi: KpiDefinition): SelectableValue<string> {
  const lifecycle = kpi.status === 'published' ? '' : ` · ${kpi.status}`;
  return {
    value: kpi.id,
    label: kpi.name,
    description: `${kpi.id} · ${kpi.owner} · ${formatPercent(kpi.objective.target, 2)} over ${kpi.objective.window}${lifecycle}`,
  };
}

/** The panel option that picks a KPI from the app's catalog, and says which queries the panel needs for it. */
export function KpiPicker({ value, onChange, context, id }: Props) {
  const s = useStyles2(getStyles);
  const catalog = useAppCatalog(true);
  const kpis = catalog.status === 'loaded' ? catalog.catalog.kpis : [];
  const choices = kpis.map(optionOf);
  if (value && !kpis.some((kpi) => kpi.id === value)) {
    // Keep a KPI that vanished visible, so the editor shows what the panel refers to.
    choices.unshift({ value, label: `${value} (not in the catalog)` });
  }
  const selected = kpis.find((kpi) => kpi.id === value);
  const problems = catalog.status === 'loaded' ? catalog.catalog.problems : [];

  return (
    <div className={s.editor} data-testid={testIds.kpiPanel.kpiPicker}>
      {/* Select rather than Combobox: @grafana/ui comes from the running Grafana, which lacks Combobox before
          11.4, and plugin.json promises Grafana 11.0. */}
      {/* eslint-disable-next-line @typescript-eslint/no-deprecated */}
      <Select
        inputId={id}
        aria-label="KPI from the catalog"
        options={choices}
        value={value ?? null}
        onChange={(choice) => onChange(choice?.value)}
        isLoading={catalog.status === 'loading'}
        placeholder={catalog.status === 'loading' ? 'Loading the catalog…' : 'Pick a KPI'}
        noOptionsMessage="No KPIs in the catalog"
      />
      {catalog.status === 'error' && (
        <Alert severity="error" title="The KPI catalog could not be read">
          {catalog.message}
        </Alert>
      )}
      {catalog.status === 'loaded' && kpis.length === 0 && (
        <p className={s.hint}>The catalog is empty: add KPIs in the Northstar KPI app, or choose Manual above.</p>
      )}
      {problems.length > 0 && (
        <p className={s.hint} title={problems.join('\n')}>
          {problems.length} problem{problems.length === 1 ? '' : 's'} in the catalog; invalid KPIs are not listed.
        </p>
      )}
      {selected && <QueriesHint kpi={selected} options={{ ...defaultKpiPanelOptions, ...context.options }} />}
    </div>
  );
}

/** The KPI's queries, to copy into the panel's queries under the refIds the options map. */
function QueriesHint({ kpi, options }: { kpi: KpiDefinition; options: KpiPanelOptions }) {
  const s = useStyles2(getStyles);
  const indicator = kpi.indicator;
  const rows =
    indicator.type === 'ratio'
      ? [
          [options.goodRefId, 'good events per second', indicator.good],
          [options.totalRefId, 'all events per second', indicator.total],
        ]
      : [[options.valueRefId, `value, good when ${indicator.comparator} ${indicator.threshold}`, indicator.query]];
  return (
    <div className={s.hint}>
      <p>
        {kpi.description ? `${kpi.description} ` : ''}This panel reads the KPI from its own queries (
        {kpi.datasource.type} data source <code>{kpi.datasource.uid}</code>):
      </p>
      <dl className={s.queries}>
        {rows.map(([refId, what, query]) => (
          <div key={refId}>
            <dt>
              refId {refId} — {what}
            </dt>
            <dd>
              <code className={s.code}>{query}</code>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  editor: css`
    display: flex;
    flex-direction: column;
    gap: ${theme.spacing(1)};
  `,
  hint: css`
    margin: 0;
    color: ${theme.colors.text.secondary};
    font-size: ${theme.typography.bodySmall.fontSize};
    p {
      margin: 0 0 ${theme.spacing(0.5)};
    }
  `,
  queries: css`
    margin: 0;
    dd {
      margin: 0 0 ${theme.spacing(0.5)};
    }
  `,
  code: css`
    display: block;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  `,
});
