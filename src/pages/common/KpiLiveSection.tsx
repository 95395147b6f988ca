import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { CheckInMarkers } from '../../components/CheckInMarkers';
import { InstanceTable } from '../../components/InstanceTable';
import type { CheckIn } from '../../kpi/catalog';
import { testIds } from '../../components/testIds';
import type { DisplaySettings } from '../../panels/kpi/display';
import { PanelMessage } from '../../panels/kpi/PanelMessage';
import { type Checked, defaultKpiPanelOptions, type KpiPanelOptions, type PanelEvaluation } from '../../reading';
import { BurndownView } from '../../panels/kpi/views/BurndownView';
import { BurnRateView } from '../../panels/kpi/views/BurnRateView';
import { useElementWidth } from './useElementWidth';
import { LiveStatus } from './LiveStatus';
import type { Live } from './useLiveLoad';
import { cardStyle } from './cardStyle';

const OPTIONS: KpiPanelOptions = { ...defaultKpiPanelOptions, source: 'catalog', policy: 'kpi' };
const DISPLAY: DisplaySettings = { compact: false };
const BURNDOWN_HEIGHT = 360;

/**
 * The KPI evaluated live: burn rate per policy window, then the budget burndown over the SLO window with the KPI's
 * check-ins marked on its time axis.
 */
export function KpiLiveSection({
  live,
  checkIns = [],
}: {
  live: Live<Checked<PanelEvaluation>>;
  checkIns?: readonly CheckIn[];
}) {
  const s = useStyles2(getStyles);
  const [ref, width] = useElementWidth<HTMLDivElement>();
  return (
    <div ref={ref} className={s.section} data-testid={testIds.kpiDetail.live} data-state={live.status}>
      <LiveStatus live={live} loadingText="Evaluating over the SLO window…">
        {(result) =>
          result.ok ? (
            <>
              <div className={s.card}>
                <BurnRateView result={result.value} options={OPTIONS} display={DISPLAY} width={width} height={400} />
              </div>
              {result.value.perLabel && (
                <div className={s.card}>
                  <InstanceTable {...result.value.perLabel} target={result.value.spec.target} />
                </div>
              )}
              <div className={s.card}>
                <BurndownView
                  result={result.value}
                  options={OPTIONS}
                  display={DISPLAY}
                  width={Math.max(width - 32, 100)}
                  height={BURNDOWN_HEIGHT}
                />
                {result.value.burndown && (
                  <CheckInMarkers
                    notes={checkIns}
                    startMs={result.value.burndown.grid.startMs}
                    endMs={result.value.evaluation.evaluatedAtMs}
                    width={Math.max(width - 32, 100)}
                  />
                )}
              </div>
            </>
          ) : (
            <div className={s.card}>
              <PanelMessage problem={result.problem} />
            </div>
          )
        }
      </LiveStatus>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  card: css(cardStyle(theme)),
});
