import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { FieldType, type Field, type GrafanaTheme2 } from '@grafana/data';
// From @grafana/ui, which Grafana provides at run time, rather than bundling @grafana/schema for one enum.
import { GraphGradientMode, Sparkline, useStyles2, useTheme2 } from '@grafana/ui';
import { type Grid, gridTimeAt, maintenanceIntervals } from '../kpi/time';
import type { MaintenanceWindow } from '../kpi/model';
import { shadedSpans } from './maintenanceShading';
import { sparklineRange } from './sparklinePaths';
import { testIds } from './testIds';

/**
 * Time and value fields for @grafana/ui's Sparkline, which needs the value range up front; `alsoShow` (a target)
 * widens the range so its line falls inside the chart.
 */
export function sparklineFields(grid: Grid, values: Float64Array, alsoShow?: number): { x: Field; y: Field } {
  const times = new Array<number>(grid.length);
  const ys = new Array<number | null>(grid.length);
  for (let i = 0; i < grid.length; i++) {
    times[i] = grid.startMs + i * grid.stepMs;
    ys[i] = Number.isFinite(values[i]) ? values[i] : null;
  }
  const { min, max } = sparklineRange(values, alsoShow);
  return {
    x: { name: 'time', type: FieldType.time, config: {}, values: times },
    y: {
      name: 'value',
      type: FieldType.number,
      config: {},
      values: ys,
      state: { range: { min, max, delta: max - min } },
    },
  };
}

/** How far down the chart the target falls, in pixels; undefined without a target or a range. */
function targetOffset(y: Field, target: number | undefined, height: number): number | undefined {
  const min = y.state?.range?.min;
  const max = y.state?.range?.max;
  if (target === undefined || min === undefined || min === null || max === undefined || max === null || max <= min) {
    return undefined;
  }
  return ((max - target) / (max - min)) * (height - 1);
}

interface Props {
  grid: Grid;
  values: Float64Array;
  width: number;
  height: number;
  /** A theme colour name ('green', 'orange', 'red', 'text') or any CSS colour. */
  color: string;
  /** What the line shows, for screen readers. */
  label: string;
  /** The KPI's maintenance windows, shaded where they fall on the time axis. */
  maintenance?: readonly MaintenanceWindow[];
  /** A value KPI's target, drawn as a dashed line across the chart. */
  target?: number;
}

/** A small line chart over the grid (gaps stay gaps), maintenance shaded behind the line. */
export function TrendSparkline({ grid, values, width, height, color, label, maintenance, target }: Props) {
  const theme = useTheme2();
  const s = useStyles2(getStyles);
  const sparkline = useMemo(() => sparklineFields(grid, values, target), [grid, values, target]);
  const targetTop = targetOffset(sparkline.y, target, height);
  const spans = useMemo(() => {
    const lastMs = gridTimeAt(grid, grid.length - 1);
    return shadedSpans(grid, maintenanceIntervals(maintenance, grid.startMs, lastMs));
  }, [grid, maintenance]);
  const config = useMemo(
    () => ({
      color: { mode: 'fixed', fixedColor: theme.visualization.getColorByName(color) },
      custom: { fillOpacity: 15, gradientMode: GraphGradientMode.Opacity, lineWidth: 1 },
    }),
    [theme, color]
  );
  if (width < 20 || height < 10) {
    return null;
  }
  return (
    <div role="img" aria-label={label} className={s.chart} style={{ width }}>
      {spans.map(({ left, width: share }) => (
        <div
          key={left}
          className={s.shade}
          style={{ left: `${left * 100}%`, width: `${share * 100}%` }}
          data-testid={testIds.kpiPanel.maintenanceShade}
        />
      ))}
      {targetTop !== undefined && (
        <div className={s.target} style={{ top: targetTop }} data-testid={testIds.catalog.targetLine} />
      )}
      <Sparkline theme={theme} width={width} height={height} sparkline={sparkline} config={config} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  chart: css`
    position: relative;
  `,
  shade: css`
    position: absolute;
    top: 0;
    bottom: 0;
    /* An hour on a 30-day axis is a tenth of a pixel: it still shows. */
    min-width: 2px;
    background: ${theme.colors.info.transparent};
    border-left: 1px dashed ${theme.colors.info.border};
    border-right: 1px dashed ${theme.colors.info.border};
    pointer-events: none;
  `,
  target: css`
    position: absolute;
    left: 0;
    right: 0;
    border-top: 1px dashed ${theme.colors.text.secondary};
    pointer-events: none;
  `,
});
