import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { LoadingState, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { InstanceTable } from '../../components/InstanceTable';
import { testIds } from '../../components/testIds';
import { MissingFeaturesNote } from '../../components/MissingFeaturesNote';
import { missingFeaturesNote } from '../../kpi/model';
import { DataNotes } from './DataNotes';
import { COMPACT_HEIGHT, COMPACT_WIDTH, type DisplaySettings, type ViewProps, valueShortfallText } from './display';
import { PanelMessage } from './PanelMessage';
import { TimeRangeWarning } from './TimeRangeWarning';
import { defaultKpiPanelOptions, type KpiPanelOptions, type KpiPanelView } from '../../reading';
import { useAppCatalog } from './useAppCatalog';
import { useKpiEvaluation } from './useKpiEvaluation';
import { useTimeRangeShortfall } from './useTimeRangeShortfall';
import { useValueEvaluation } from './useValueEvaluation';
import { BurndownView } from './views/BurndownView';
import { BurnRateView } from './views/BurnRateView';
import { CompactLayout } from './views/CompactLayout';
import { CompactListView } from './views/CompactListView';
import { StatView } from './views/StatView';
import { ValueView } from './views/ValueView';

// Memoised: a panel re-render with the same evaluation, options and size (hover, refresh of another panel)
// does not re-render the view.
const VIEWS: Record<KpiPanelView | 'compact', React.ComponentType<ViewProps>> = {
  stat: React.memo(StatView),
  'burn-rate-table': React.memo(BurnRateView),
  'budget-burndown': React.memo(BurndownView),
  'compact-list': React.memo(CompactListView),
  compact: React.memo(CompactLayout),
};

/** theme.spacing(0.5) on each side of the wrapper. */
const PADDING_PX = 4;
/** The time-range warning's bar (a small button, its padding and border) and the gap under it. */
const WARNING_PX = 42;
/** The missing-features line, wrapped to two lines of small text in a narrow panel, and the gap above it. */
const NOTE_PX = 44;

interface Props extends PanelProps<KpiPanelOptions> {}

/**
 * The Northstar KPI panel: evaluates the KPI over the frames it receives and shows it in the chosen view; a value
 * KPI has a view of its own (a value against a target has no budget or burn rates to choose views of).
 */
export function KpiPanel(props: Props) {
  const { data, options: savedOptions, fieldConfig, width, height, timeRange, timeZone, replaceVariables } = props;
  const s = useStyles2(getStyles);
  // A KPI id may be a dashboard variable (`$kpi`), so that one dashboard serves many KPIs.
  const kpiId = savedOptions.kpiId === undefined ? undefined : replaceVariables(savedOptions.kpiId);
  // Panels saved before an option existed lack it; defaults fill in without changing the saved model.
  const options = useMemo(
    () => ({ ...defaultKpiPanelOptions, ...savedOptions, ...(kpiId === undefined ? {} : { kpiId }) }),
    [savedOptions, kpiId]
  );
  const catalog = useAppCatalog(options.source === 'catalog', data.series);
  const result = useKpiEvaluation(options, data, catalog);
  const valueResult = useValueEvaluation(options, data, catalog);

  const { shortfall, showWholeWindow } = useTimeRangeShortfall(
    data.timeRange,
    timeRange,
    valueResult?.ok ? valueResult.value.neededRangeMs : result.ok ? result.value.spec.windowMs : undefined
  );
  const unit = fieldConfig.defaults.unit || (result.ok ? result.value.spec.unit : undefined);
  const decimals = fieldConfig.defaults.decimals ?? undefined;
  const compact = width < COMPACT_WIDTH || height < COMPACT_HEIGHT;
  const display = useMemo<DisplaySettings>(
    () => ({ unit, decimals, timeZone, compact }),
    [unit, decimals, timeZone, compact]
  );

  if (data.state === LoadingState.Loading && data.series.length === 0) {
    return (
      <PanelMessage
        problem={{ code: 'loading', title: 'Loading…', detail: 'Waiting for the first data.', tone: 'info' }}
      />
    );
  }
  // What a KPI over SQL or an unknown type lacks, under the view; a compact panel has no room for it.
  const datasourceType = valueResult?.ok
    ? valueResult.value.kpi.datasource.type
    : result.ok
      ? result.value.spec.kpi?.datasource?.type
      : undefined;
  const noteType = display.compact || missingFeaturesNote(datasourceType) === undefined ? undefined : datasourceType;
  if (valueResult) {
    return valueResult.ok ? (
      <div
        className={s.wrapper}
        style={{ width, height }}
        data-testid={testIds.kpiPanel.container}
        data-status={valueResult.value.reading.evaluation.status}
        data-view="value"
      >
        {shortfall && (
          <TimeRangeWarning
            shortfall={shortfall}
            onFix={showWholeWindow}
            compact={display.compact}
            message={valueShortfallText(valueResult.value, shortfall.coveredMs)}
          />
        )}
        <ValueView
          result={valueResult.value}
          unit={fieldConfig.defaults.unit || valueResult.value.kpi.indicator.unit}
          width={width - PADDING_PX * 2}
          height={height - PADDING_PX * 2 - (shortfall ? WARNING_PX : 0) - (noteType ? NOTE_PX : 0)}
        />
        <MissingFeaturesNote datasourceType={noteType} />
      </div>
    ) : (
      <PanelMessage problem={valueResult.problem} />
    );
  }
  if (!result.ok) {
    return <PanelMessage problem={result.problem} />;
  }

  const View = display.compact ? VIEWS.compact : (VIEWS[options.view] ?? VIEWS.stat);
  const perLabel = result.value.perLabel;
  return (
    <div
      className={s.wrapper}
      style={{ width, height }}
      data-testid={testIds.kpiPanel.container}
      data-status={result.value.evaluation.status}
      data-view={display.compact ? 'compact' : options.view}
    >
      {shortfall && <TimeRangeWarning shortfall={shortfall} onFix={showWholeWindow} compact={display.compact} />}
      <View result={result.value} options={options} display={display} width={width - PADDING_PX * 2} height={height} />
      {perLabel && !display.compact && <InstanceTable {...perLabel} target={result.value.spec.target} />}
      <DataNotes notes={result.value.notes} compact={display.compact} />
      <MissingFeaturesNote datasourceType={noteType} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css`
    display: flex;
    flex-direction: column;
    gap: ${theme.spacing(1)};
    padding: ${PADDING_PX}px;
    overflow: auto;
  `,
});
