import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Stack, useStyles2 } from '@grafana/ui';
import { valueLine, type ValueLine } from '../../kpi/evaluate';
import type { ValueKpiDefinition } from '../../kpi/model';
import { isCalendarWindow, maintenanceMaskFor } from '../../kpi/time';
import type { ValueReading } from '../../reading';
import { formatValue } from '../../components/format';
import { StatusPill } from '../../components/StatusPill';
import { testIds } from '../../components/testIds';
import { ChangeText, DirectionArrow } from '../../components/ValueChange';
import { CheckInMarkers } from '../../components/CheckInMarkers';
import { ValuePeriodChart, VALUE_CHART_PADDING } from '../../components/ValuePeriodChart';
import type { CheckIn } from '../../kpi/catalog';
import { forecastSentence, formatValueTarget } from '../../components/valueWords';
import { useElementWidth } from '../common/useElementWidth';
import { LiveStatus } from '../common/LiveStatus';
import type { Live } from '../common/useLiveLoad';
import { cardStyle } from '../common/cardStyle';

const CHART_HEIGHT = 280;

/**
 * A value KPI read live: its value against the target with the forecast sentence, status and change, then the
 * period's line against the target with the previous period faint behind it. Burn rates, budget and burndown are
 * an SLO's and are not shown; one line says why.
 */
export function ValueLiveSection({
  kpi,
  live,
  checkIns = [],
}: {
  kpi: ValueKpiDefinition;
  live: Live<ValueReading>;
  /** Notes to mark on the period chart. */
  checkIns?: readonly CheckIn[];
}) {
  const s = useStyles2(getStyles);
  const [ref, width] = useElementWidth<HTMLDivElement>();
  return (
    <div ref={ref} className={s.section} data-testid={testIds.kpiDetail.valueLive} data-state={live.status}>
      <LiveStatus live={live} loadingText="Reading this period and the one before…">
        {(reading) => <ValueReadingView kpi={kpi} reading={reading} width={width} checkIns={checkIns} />}
      </LiveStatus>
      <p className={s.secondary} data-testid={testIds.kpiDetail.sloOnly}>
        A value KPI is judged on its value against a target, so it has no error budget: burn rates, budget and burndown
        are shown for SLOs only.
      </p>
    </div>
  );
}

function ValueReadingView({
  kpi,
  reading,
  width,
  checkIns,
}: {
  kpi: ValueKpiDefinition;
  reading: ValueReading;
  width: number;
  checkIns: readonly CheckIn[];
}) {
  const s = useStyles2(getStyles);
  const { evaluation } = reading;
  const { unit } = kpi.indicator;
  const lines = useMemo(() => periodLines(kpi, reading), [kpi, reading]);
  const sentence = forecastSentence(kpi, evaluation);
  const window = kpi.objective.window;
  return (
    <>
      <div className={s.card} data-testid={testIds.kpiDetail.valueHeadline}>
        <Stack direction="row" gap={4} wrap="wrap" alignItems="flex-start">
          <div>
            <div className={s.label}>{evaluation.period.label}</div>
            <div className={s.big}>
              {formatValue(evaluation.value, unit)} <DirectionArrow direction={kpi.objective.direction} />
            </div>
            <div className={s.secondary}>target {formatValueTarget(kpi)}</div>
          </div>
          <div>
            <div className={s.label}>Status</div>
            <StatusPill status={evaluation.status} kind="value" reason={evaluation.reason} />
          </div>
          <div>
            <div className={s.label}>Change</div>
            <ChangeText evaluation={evaluation} unit={unit} />
          </div>
        </Stack>
        <p className={s.sentence}>{sentence}</p>
        {evaluation.status === 'no-data' && evaluation.reason && (
          <Alert severity="warning" title="No value for this period">
            {evaluation.reason}
          </Alert>
        )}
      </div>
      {lines && lines.current.values.length > 0 && (
        <div className={s.card}>
          <Stack direction="row" gap={2} wrap="wrap">
            <span className={s.legendCurrent}>{lineLabel(evaluation.period.label, lines.current)}</span>
            <span className={s.legendPrevious}>{lineLabel(evaluation.previousPeriod.label, lines.previous)}</span>
            <span className={s.legendTarget}>target {formatValueTarget(kpi)}</span>
            {kpi.objective.warning !== undefined && (
              <span className={s.legendWarning}>
                at risk {kpi.objective.direction === 'higher' ? 'below' : 'above'}{' '}
                {formatValue(kpi.objective.warning, unit)}
              </span>
            )}
          </Stack>
          <ValuePeriodChart
            current={lines.current}
            previous={lines.previous}
            period={evaluation.period}
            previousPeriod={evaluation.previousPeriod}
            target={kpi.objective.target}
            warning={kpi.objective.warning}
            unit={unit}
            maintenance={kpi.maintenance}
            width={Math.max(width - 32, 200)}
            height={CHART_HEIGHT}
            label={sentence}
            timeZone={isCalendarWindow(window) ? window.timeZone : undefined}
          />
          <CheckInMarkers
            notes={checkIns}
            startMs={evaluation.period.startMs}
            endMs={evaluation.period.endMs}
            width={Math.max(width - 32, 200)}
            left={VALUE_CHART_PADDING.left}
            right={VALUE_CHART_PADDING.right}
          />
        </div>
      )}
    </>
  );
}

/** This period's line and last period's, laid over it as its pace too (for a calendar sum): day 12 over day 12. */
function periodLines(kpi: ValueKpiDefinition, { periods, series }: ValueReading) {
  if (!series) {
    return undefined;
  }
  const excluded = maintenanceMaskFor(kpi.maintenance, periods.grid);
  const sum = isCalendarWindow(kpi.objective.window) ? ('pace' as const) : undefined;
  return {
    current: valueLine(series, periods.grid, periods.current, periods.measuredUntilMs, { excluded }),
    previous: valueLine(series, periods.grid, periods.previous, periods.previous.endMs, { excluded, sum }),
  };
}

/** A line's legend: a pace says so, or "$66M" on the line of a month at $4M so far reads as a contradiction. */
const lineLabel = (periodLabel: string, line: ValueLine) =>
  line.projected ? `${periodLabel}, projected total` : periodLabel;

const legendLine = (color: string, dash: string) =>
  css({
    '&::before': {
      content: '""',
      display: 'inline-block',
      width: 18,
      marginRight: 6,
      borderTop: `2px ${dash} ${color}`,
      verticalAlign: 'middle',
    },
  });

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  card: css(cardStyle(theme)),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  big: css({
    fontSize: theme.typography.h2.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    fontVariantNumeric: 'tabular-nums',
  }),
  secondary: css({ color: theme.colors.text.secondary, margin: 0 }),
  sentence: css({ fontSize: theme.typography.h5.fontSize, margin: theme.spacing(2, 0, 0) }),
  legendCurrent: legendLine(theme.colors.primary.main, 'solid'),
  legendPrevious: legendLine(theme.colors.text.disabled, 'solid'),
  legendTarget: legendLine(theme.colors.text.primary, 'dashed'),
  legendWarning: legendLine(theme.colors.warning.main, 'dotted'),
});
