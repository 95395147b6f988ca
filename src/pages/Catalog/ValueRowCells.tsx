import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { Hint } from '../../components/Hint';
import { valueLine, type ValueEvaluation } from '../../kpi/evaluate';
import type { ValueKpiDefinition } from '../../kpi/model';
import { maintenanceMaskFor } from '../../kpi/time';
import type { ValueReading } from '../../reading';
import { formatValue } from '../../components/format';
import { testIds } from '../../components/testIds';
import { SvgSparkline } from '../../components/SvgSparkline';
import { ChangeText, DirectionArrow } from '../../components/ValueChange';
import { forecastSentence, formatValueTarget } from '../../components/valueWords';

interface Props {
  kpi: ValueKpiDefinition;
  /** Undefined while evaluating or when its queries failed: the cells then show the target only. */
  reading?: ValueReading;
  trendWidth: number;
  trendHeight: number;
}

/** More points than a 110-pixel sparkline can show only cost time: every n-th step of the period's line is kept. */
const MAX_SPARKLINE_POINTS = 120;

/**
 * A value KPI's three cells of a catalog row: value vs target with the direction, the change on the previous
 * period coloured by direction (a rising cost is red), and the period's line against the target.
 */
export function ValueRowCells({ kpi, reading, trendWidth, trendHeight }: Props) {
  const s = useStyles2(getStyles);
  const evaluation = reading?.evaluation;
  const { unit } = kpi.indicator;
  const line = useMemo(() => (reading ? sparklineOf(kpi, reading) : undefined), [kpi, reading]);
  return (
    <>
      <div role="cell" className={s.number} data-testid={testIds.catalog.valueCell}>
        <Hint content={() => (evaluation ? forecastSentence(kpi, evaluation) : `Target ${formatValueTarget(kpi)}.`)}>
          <span tabIndex={0}>
            <span className={missesTarget(evaluation) ? s.missed : ''}>{formatValue(evaluation?.value, unit)}</span>
            <span className={s.secondary}> / {formatValueTarget(kpi)}</span>
          </span>
        </Hint>{' '}
        <DirectionArrow direction={kpi.objective.direction} />
        {evaluation && <div className={s.secondary}>{evaluation.period.label}</div>}
      </div>
      <div role="cell" className={s.number}>
        {evaluation && <ChangeText evaluation={evaluation} unit={unit} />}
      </div>
      <div role="cell">
        {line && (
          <SvgSparkline
            grid={line.grid}
            values={line.values}
            width={trendWidth}
            height={trendHeight}
            color="text"
            target={kpi.objective.target}
            label={`${kpi.name} ${evaluation?.period.label ?? ''} against its target ${formatValueTarget(kpi)}`}
          />
        )}
      </div>
    </>
  );
}

function missesTarget(evaluation: ValueEvaluation | undefined): boolean {
  return evaluation?.status === 'off-track' || evaluation?.status === 'at-risk';
}

/** The current period's line, thinned to what a sparkline shows (the line's last point is kept: it is the value). */
function sparklineOf(kpi: ValueKpiDefinition, { periods, series }: ValueReading) {
  if (!series) {
    return undefined;
  }
  const excluded = maintenanceMaskFor(kpi.maintenance, periods.grid);
  const line = valueLine(series, periods.grid, periods.current, periods.measuredUntilMs, { excluded });
  const every = Math.ceil(line.values.length / MAX_SPARKLINE_POINTS);
  if (every <= 1) {
    return line;
  }
  // Counted back from the last point, so the newest value is on the line.
  const offset = (line.values.length - 1) % every;
  const length = Math.floor((line.values.length - 1) / every) + 1;
  const values = Float64Array.from({ length }, (_, i) => line.values[offset + i * every]);
  return {
    grid: { startMs: line.grid.startMs + offset * line.grid.stepMs, stepMs: line.grid.stepMs * every, length },
    values,
  };
}

const getStyles = (theme: GrafanaTheme2) => ({
  number: css({ fontVariantNumeric: 'tabular-nums' }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  missed: css({ color: theme.colors.error.text }),
});
