import React, { useMemo } from 'react';
import { FieldType, type Field } from '@grafana/data';
// From @grafana/ui, which Grafana provides at run time, rather than bundling @grafana/schema for one enum.
import { GraphGradientMode, Sparkline, useTheme2 } from '@grafana/ui';
import type { Grid } from '../kpi/series';

/** Time and value fields for @grafana/ui's Sparkline, which needs the value range up front. */
export function sparklineFields(grid: Grid, values: Float64Array): { x: Field; y: Field } {
  const times = new Array<number>(grid.length);
  const ys = new Array<number | null>(grid.length);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < grid.length; i++) {
    times[i] = grid.startMs + i * grid.stepMs;
    const v = values[i];
    ys[i] = Number.isFinite(v) ? v : null;
    if (Number.isFinite(v)) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  if (min > max) {
    min = 0;
    max = 1;
  }
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

interface Props {
  grid: Grid;
  values: Float64Array;
  width: number;
  height: number;
  /** A theme colour name ('green', 'orange', 'red', 'text') or any CSS colour. */
  color: string;
  /** What the line shows, for screen readers. */
  label: string;
}

/** A small line chart over the grid (gaps stay gaps). */
export function TrendSparkline({ grid, values, width, height, color, label }: Props) {
  const theme = useTheme2();
  const sparkline = useMemo(() => sparklineFields(grid, values), [grid, values]);
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
    <div role="img" aria-label={label}>
      <Sparkline theme={theme} width={width} height={height} sparkline={sparkline} config={config} />
    </div>
  );
}
