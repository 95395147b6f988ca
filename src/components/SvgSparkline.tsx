import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { useStyles2, useTheme2 } from '@grafana/ui';
import type { Grid } from '../kpi/time';
import { sparklinePaths } from './sparklinePaths';
import { testIds } from './testIds';

interface Props {
  grid: Grid;
  values: Float64Array;
  width: number;
  height: number;
  /** A theme colour name ('green', 'orange', 'red', 'text') or any CSS colour. */
  color: string;
  /** What the line shows, for screen readers. */
  label: string;
  /** A value KPI's target, drawn as a dashed line across the chart. */
  target?: number;
}

/**
 * TrendSparkline's look (a line over a faint fill, the target dashed) drawn as plain SVG: cheap enough to mount
 * twenty rows in one frame, as the catalog does on its first screen and on every filtering keystroke.
 */
export const SvgSparkline = React.memo(function SvgSparkline({
  grid,
  values,
  width,
  height,
  color,
  label,
  target,
}: Props) {
  const theme = useTheme2();
  const s = useStyles2(getStyles);
  const paths = useMemo(
    () => sparklinePaths(grid, values, width, height, target),
    [grid, values, width, height, target]
  );
  if (width < 20 || height < 10) {
    return null;
  }
  const stroke = theme.visualization.getColorByName(color);
  return (
    <svg role="img" aria-label={label} width={width} height={height} className={s.chart}>
      <path d={paths.area} fill={stroke} fillOpacity={0.15} stroke="none" />
      <path d={paths.line} fill="none" stroke={stroke} strokeWidth={1} strokeLinejoin="round" />
      {paths.dots.map(({ x, y }) => (
        <circle key={x} cx={x} cy={y} r={DOT_RADIUS} fill={stroke} data-testid={testIds.catalog.sparklineDot} />
      ))}
      {paths.targetY !== undefined && (
        <line
          x1={0}
          x2={width}
          y1={paths.targetY + 0.5}
          y2={paths.targetY + 0.5}
          stroke={theme.colors.text.secondary}
          strokeDasharray="3 2"
          data-testid={testIds.catalog.targetLine}
        />
      )}
    </svg>
  );
});

/** Wide enough to see beside a 1-pixel line, small enough to stay inside a row's chart. */
const DOT_RADIUS = 2;

const getStyles = () => ({
  chart: css({ display: 'block', overflow: 'visible' }),
});
