import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, SelectableValue, StandardEditorProps } from '@grafana/data';
import { Alert, Select, useStyles2 } from '@grafana/ui';
import { formatPercent } from '../../components/format';
import { testIds } from '../../components/testIds';
import { resolveMembers } from '../../kpi/evaluate';
import {
  isCompositeKpi,
  isSourcedSlo,
  type CatalogKpi,
  type CompositeKpiDefinition,
  type KpiDefinition,
  queryDisplayText,
  queryLanguageOf,
} from '../../kpi/model';
import { kpiIdMatcher, kpiIdVariableMatcher, recordedGoodExpr, recordedTotalExpr } from '../../kpi/promql';
import { dashboardVariableName, defaultKpiPanelOptions, type KpiPanelOptions, memberRefIds } from '../../reading';
import { useAppCatalog } from './useAppCatalog';
import { windowText } from '../../kpi/time';

type Props = StandardEditorProps<string | undefined, unknown, KpiPanelOptions>;

function optionOf(kpi: CatalogKpi): SelectableValue<string> {
  const lifecycle = kpi.status === 'published' ? '' : ` · ${kpi.status}`;
  const composite = isCompositeKpi(kpi) ? ` · composite of ${kpi.indicator.members.length}` : '';
  return {
    value: kpi.id,
    label: kpi.name,
    description: `${kpi.id} · ${kpi.owner} · ${formatPercent(kpi.objective.target, 2)} over ${windowText(kpi.objective.window)}${composite}${lifecycle}`,
  };
}

/** The panel option that picks a KPI from the app's catalog, and says which queries the panel needs for it. */
export function KpiPicker({ value, onChange, context, id }: Props) {
  const s = useStyles2(getStyles);
  const catalog = useAppCatalog(true);
  const kpis = catalog.status === 'loaded' ? catalog.catalog.kpis : [];
  const choices = kpis.map(optionOf);
  const variable = value === undefined ? undefined : dashboardVariableName(value);
  if (value && variable) {
    choices.unshift({ value, label: `${value} (dashboard variable)` });
  } else if (value && !kpis.some((kpi) => kpi.id === value)) {
    // Keep a KPI that vanished visible, so the editor shows what the panel refers to.
    choices.unshift({ value, label: `${value} (not in the catalog)` });
  }
  const selected = kpis.find((kpi) => kpi.id === value);
  const options = { ...defaultKpiPanelOptions, ...context.options };
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
        allowCustomValue
        formatCreateLabel={(typed) => `Use ${typed}`}
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
      {variable && (
        <p className={s.hint}>
          The dashboard variable ${variable} names the KPI, so one panel serves every KPI the variable offers. Its
          queries must then read the recorded series (Queries → Recorded series), which carry the KPI in a label.
        </p>
      )}
      {selected && isCompositeKpi(selected) ? (
        <CompositeQueriesHint composite={selected} catalog={kpis} />
      ) : (
        (selected || (variable && options.queries === 'recorded')) && (
          <QueriesHint
            kpi={selected && isSourcedSlo(selected) ? selected : undefined}
            variable={variable}
            options={options}
          />
        )
      )}
    </div>
  );
}

interface QueriesHintProps {
  kpi?: KpiDefinition;
  /** The name of the dashboard variable that names the KPI, e.g. `kpi`. */
  variable?: string;
  options: KpiPanelOptions;
}

/** The queries to copy into the panel under the refIds the options map: the KPI's own, or its recorded series. */
function QueriesHint({ kpi, variable, options }: QueriesHintProps) {
  const s = useStyles2(getStyles);
  const rows = hintRows(kpi, variable, options);
  const source = options.queries === 'recorded' ? 'the series northstar rules records' : 'its own queries';
  return (
    <div className={s.hint}>
      <p>
        {kpi?.description ? `${kpi.description} ` : ''}This panel reads the KPI from {source}
        {kpi ? (
          <>
            {' '}
            ({kpi.datasource.type} data source <code>{kpi.datasource.uid}</code>)
          </>
        ) : null}
        :
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

/** A composite reads each member's own queries, under refIds that start with the member's prefix (`m0-good`). */
function CompositeQueriesHint({
  composite,
  catalog,
}: {
  composite: CompositeKpiDefinition;
  catalog: readonly CatalogKpi[];
}) {
  const s = useStyles2(getStyles);
  const resolved = resolveMembers(composite, catalog);
  if (!resolved.ok) {
    return <p className={s.hint}>This composite cannot be read: {resolved.error}.</p>;
  }
  return (
    <div className={s.hint}>
      <p>This panel reads the composite from its members’ own queries, each on the member’s data source:</p>
      <dl className={s.queries}>
        {resolved.members.flatMap(({ kpi }, index) => {
          const refIds = memberRefIds(kpi, index);
          const queries =
            kpi.indicator.type === 'ratio' ? [kpi.indicator.good, kpi.indicator.total] : [kpi.indicator.query];
          const texts = queries.map(queryDisplayText);
          return refIds.map((refId, i) => (
            <div key={refId}>
              <dt>
                refId {refId} — {kpi.name} ({kpi.datasource.uid})
              </dt>
              <dd>
                <code className={s.code}>{texts[i]}</code>
              </dd>
            </div>
          ));
        })}
      </dl>
    </div>
  );
}

function hintRows(kpi: KpiDefinition | undefined, variable: string | undefined, options: KpiPanelOptions) {
  if (options.queries === 'recorded' || !kpi) {
    const matcher = variable ? kpiIdVariableMatcher(variable) : kpiIdMatcher(kpi?.id ?? '');
    return [
      [options.goodRefId, 'good events (or good slices) per second', recordedGoodExpr(matcher)],
      [options.totalRefId, 'all events (or slices) per second', recordedTotalExpr(matcher)],
    ];
  }
  const indicator = kpi.indicator;
  // PromQL asks for rates; SQL and other data sources count events per time bucket (rangeReadingOf).
  const per = queryLanguageOf(kpi.datasource.type) === 'promql' ? 'per second' : 'per time bucket';
  return indicator.type === 'ratio'
    ? [
        [options.goodRefId, `good events ${per}`, queryDisplayText(indicator.good)],
        [options.totalRefId, `all events ${per}`, queryDisplayText(indicator.total)],
      ]
    : [
        [
          options.valueRefId,
          `value, good when ${indicator.comparator} ${indicator.threshold}`,
          queryDisplayText(indicator.query),
        ],
      ];
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
