import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import type { ValueLine, ValuePeriod } from '../kpi/evaluate';
import type { MaintenanceWindow } from '../kpi/model';
import { maintenanceIntervals } from '../kpi/time';
import { formatValue } from './format';
import { shadedSpans } from './maintenanceShading';
import { testIds } from './testIds';

interface Props {
  /** This period's line (valueLine), drawn from the period's start. */
  current: ValueLine;
  /** The previous period's line, laid faintly over this one from the same start: day 3 over day 3. */
  previous?: ValueLine;
  period: ValuePeriod;
  previousPeriod: ValuePeriod;
  target: number;
  warning?: number;
  unit: string;
  maintenance?: readonly MaintenanceWindow[];
  width: number;
  height: number;
  /** What the chart shows, for screen readers: the forecast sentence. */
  label: string;
  /** The user's locale for the axis dates; the browser's when absent. */
  locale?: string;
  timeZone?: string;
}

/** Room around the plot; check-in markers under the chart line up with its time axis through it. */
export const VALUE_CHART_PADDING = { top: 12, right: 12, bottom: 24, left: 72 };
const PADDING = VALUE_CHART_PADDING;

/** An SVG path through a line's points; a gap (NaN) lifts the pen. */
export function linePath(line: ValueLine, x: (ms: number) => number, y: (value: number) => number): string {
  let path = '';
  let penDown = false;
  for (let i = 0; i < line.values.length; i++) {
    const value = line.values[i];
    if (!Number.isFinite(value)) {
      penDown = false;
      continue;
    }
    const point = `${x(line.grid.startMs + i * line.grid.stepMs).toFixed(1)},${y(value).toFixed(1)}`;
    path += penDown ? `L${point}` : `M${point}`;
    penDown = true;
  }
  return path;
}

/**
 * The value range the chart shows: both lines, the target and the warning, with a little room around them. The room
 * never takes the axis below 0 when nothing is negative: a count or a sum read "−80" under its line.
 */
export function valueRange(lines: ReadonlyArray<ValueLine | undefined>, levels: readonly number[]): [number, number] {
  let min = Math.min(...levels);
  let max = Math.max(...levels);
  for (const line of lines) {
    line?.values.forEach((v) => {
      if (Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    });
  }
  const room = (max - min || Math.abs(max) || 1) * 0.08;
  return [min >= 0 ? Math.max(0, min - room) : min - room, max + room];
}

/** An axis label's line, bodySmall's 12px and 2px between, so two labels closer than this touch. */
export const AXIS_LABEL_HEIGHT_PX = 14;

export interface AxisLabel {
  value: number;
  /** The label's level on the plot, in px from the chart's top. */
  top: number;
}

/**
 * The y-axis labels: the target's always, since it is what an executive reads off the chart, then the range's max
 * and min, each only where it stays a label's height away from those already placed (a $48.6M target under a $50M
 * max would print one over the other).
 */
export function axisLabels(
  { target, max, min }: { target: number; max: number; min: number },
  y: (value: number) => number,
  labelHeightPx = AXIS_LABEL_HEIGHT_PX
): AxisLabel[] {
  const placed: AxisLabel[] = [];
  for (const value of [target, max, min]) {
    const top = y(value);
    if (placed.every((label) => Math.abs(label.top - top) >= labelHeightPx)) {
      placed.push({ value, top });
    }
  }
  return placed.sort((a, b) => a.top - b.top);
}

/**
 * A value KPI's period: this period's line against the dashed target (and dotted warning) level, the previous
 * period faint behind it from the same start, maintenance shaded. Theme colours only, so dark and light read alike.
 */
export function ValuePeriodChart(props: Props) {
  const { current, previous, period, previousPeriod, target, warning, unit, width, height, label } = props;
  const theme = useTheme2();
  const s = useStyles2(getStyles);
  const geometry = useMemo(() => {
    const periodMs = period.endMs - period.startMs;
    const plotWidth = Math.max(width - PADDING.left - PADDING.right, 10);
    const plotHeight = Math.max(height - PADDING.top - PADDING.bottom, 10);
    const levels = warning === undefined ? [target] : [target, warning];
    const [min, max] = valueRange([current, previous], levels);
    const y = (value: number) => PADDING.top + ((max - value) / (max - min)) * plotHeight;
    const xFrom = (startMs: number) => (ms: number) => PADDING.left + ((ms - startMs) / periodMs) * plotWidth;
    const spans = shadedSpans(
      { startMs: period.startMs, stepMs: periodMs, length: 2 },
      maintenanceIntervals(props.maintenance, period.startMs, period.endMs)
    );
    return {
      plotWidth,
      plotHeight,
      y,
      currentPath: linePath(current, xFrom(period.startMs), y),
      previousPath: previous ? linePath(previous, xFrom(previousPeriod.startMs), y) : '',
      spans,
      ticks: axisLabels({ target, max, min }, y),
    };
  }, [current, previous, period, previousPeriod, target, warning, width, height, props.maintenance]);
  const dateOf = (ms: number) =>
    new Intl.DateTimeFormat(props.locale, { day: 'numeric', month: 'short', timeZone: props.timeZone }).format(
      new Date(ms)
    );
  const right = PADDING.left + geometry.plotWidth;
  return (
    <svg width={width} height={height} role="img" aria-label={label} data-testid={testIds.kpiDetail.valueChart}>
      {geometry.spans.map(({ left, width: share }) => (
        <rect
          key={left}
          x={PADDING.left + left * geometry.plotWidth}
          y={PADDING.top}
          width={Math.max(share * geometry.plotWidth, 2)}
          height={geometry.plotHeight}
          className={s.maintenance}
          data-testid={testIds.kpiPanel.maintenanceShade}
        />
      ))}
      {geometry.ticks.map(({ value, top }) => (
        <text key={top} x={PADDING.left - 8} y={top + 4} textAnchor="end" className={s.axis}>
          {formatValue(value, unit)}
        </text>
      ))}
      <text x={PADDING.left} y={height - 6} className={s.axis}>
        {dateOf(period.startMs)}
      </text>
      <text x={right} y={height - 6} textAnchor="end" className={s.axis}>
        {dateOf(period.endMs - 1)}
      </text>
      {warning !== undefined && (
        <line x1={PADDING.left} x2={right} y1={geometry.y(warning)} y2={geometry.y(warning)} className={s.warning} />
      )}
      <line
        x1={PADDING.left}
        x2={right}
        y1={geometry.y(target)}
        y2={geometry.y(target)}
        className={s.target}
        data-testid={testIds.kpiDetail.valueTarget}
      />
      {geometry.previousPath && (
        <path d={geometry.previousPath} className={s.previous} data-testid={testIds.kpiDetail.valuePrevious} />
      )}
      <path d={geometry.currentPath} stroke={theme.colors.primary.main} className={s.current} />
    </svg>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  axis: css({ fill: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  maintenance: css({ fill: theme.colors.info.transparent, stroke: theme.colors.info.border, strokeDasharray: '3 3' }),
  target: css({ stroke: theme.colors.text.primary, strokeWidth: 1.5, strokeDasharray: '6 4' }),
  warning: css({ stroke: theme.colors.warning.main, strokeWidth: 1, strokeDasharray: '2 3' }),
  previous: css({ fill: 'none', stroke: theme.colors.text.disabled, strokeWidth: 1.5, opacity: 0.7 }),
  current: css({ fill: 'none', strokeWidth: 2 }),
});
