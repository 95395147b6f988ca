import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import {
  comparatorWords,
  explainDelta,
  explainLatestValue,
  explainSli,
  explainTarget,
} from '../../../components/explain';
import { ExplainedValue, type ValueSize, type ValueTone } from '../../../components/ExplainedValue';
import { formatPercent, formatSli, formatValue } from '../../../components/format';
import { TargetBadge } from './TargetBadge';
import { formatDuration } from '../../../kpi/time';
import type { Comparator } from '../../../kpi/model';
import { explainContextOf, sliDecimals, type DisplaySettings } from '../display';
import type { PanelEvaluation, ThresholdReading } from '../../../reading';

const COMPARATOR_SIGNS: Record<Comparator, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

/**
 * A KPI that can't be judged (no data, no traffic) neither meets nor misses its target: its numbers are greyed,
 * never green, even when older data would meet it.
 */
function judged(result: PanelEvaluation, meets: boolean | null): boolean | null {
  const { status } = result.evaluation;
  return status === 'no-data' || status === 'no-traffic' ? null : meets;
}

function toneOf(meets: boolean | null): ValueTone {
  return meets === null ? 'muted' : meets ? 'success' : 'error';
}

interface FigureProps {
  result: PanelEvaluation;
  display: DisplaySettings;
  size?: ValueSize;
}

/** SLI vs target: "99.94%  ✓ target ≥ 99.9%". */
export function SliFigure({ result, display, size = 'hero' }: FigureProps) {
  const s = useStyles2(getStyles);
  const context = explainContextOf(result);
  const { evaluation, spec } = result;
  const label = spec.queries.type === 'ratio' ? 'SLI' : `Share of good ${formatDuration(result.stepMs)} slices`;
  return (
    <div className={s.figure}>
      <span className={s.caption}>{label}</span>
      <span className={s.line}>
        <ExplainedValue
          label={label}
          value={formatSli(evaluation.sli, sliDecimals(result, display))}
          explanation={explainSli(evaluation, context)}
          size={size}
          tone={toneOf(judged(result, result.sliMeetsTarget))}
        />
        <TargetBadge
          target={`≥ ${formatPercent(spec.target, Math.max(sliDecimals(result, display) - 1, 0))}`}
          meets={judged(result, result.sliMeetsTarget)}
          explanation={explainTarget(context)}
        />
      </span>
    </div>
  );
}

interface ValueProps extends FigureProps {
  reading: ThresholdReading;
}

/** A threshold KPI's latest value vs its threshold, and the change vs the previous period. */
export function ValueFigure({ result, display, reading, size = 'hero' }: ValueProps) {
  const s = useStyles2(getStyles);
  const unit = display.unit;
  return (
    <div className={s.figure}>
      <span className={s.caption}>Latest value</span>
      <span className={s.line}>
        <ExplainedValue
          label="Latest value"
          value={formatValue(reading.latest, unit, display.decimals)}
          explanation={explainLatestValue(reading.latest, reading.comparator, reading.threshold, unit)}
          size={size}
          tone={toneOf(judged(result, reading.latestMeets))}
        />
        <TargetBadge
          target={`${COMPARATOR_SIGNS[reading.comparator]} ${formatValue(reading.threshold, unit, display.decimals)}`}
          meets={judged(result, reading.latestMeets)}
          explanation={`Each step is good when the value is ${comparatorWords(reading.comparator)} ${formatValue(reading.threshold, unit)}.`}
        />
      </span>
      <DeltaLine reading={reading} display={display} />
    </div>
  );
}

function DeltaLine({ reading, display }: { reading: ThresholdReading; display: DisplaySettings }) {
  const s = useStyles2(getStyles);
  const { comparison, direction } = reading;
  const period = formatDuration(comparison.periodMs);
  const explanation = explainDelta(comparison, display.unit);
  if (comparison.delta === null || direction === null) {
    return (
      <ExplainedValue
        label="Change vs previous period"
        value={`no previous ${period} to compare`}
        explanation={explanation}
        size="small"
        tone="muted"
      />
    );
  }
  const sign = comparison.delta > 0 ? '+' : '';
  const relative = comparison.relativeDelta === null ? '' : ` (${sign}${formatPercent(comparison.relativeDelta, 1)})`;
  const value = `${sign}${formatValue(comparison.delta, display.unit, display.decimals)}${relative} vs previous ${period}`;
  const tone: ValueTone = direction === 'better' ? 'success' : direction === 'worse' ? 'error' : 'muted';
  // The arrow shows the direction of the value; the colour says whether that is good for this comparator.
  const arrow = comparison.delta > 0 ? 'arrow-up' : comparison.delta < 0 ? 'arrow-down' : 'arrow-right';
  return (
    <span className={s.delta}>
      <Icon name={arrow} size="sm" aria-hidden />
      <ExplainedValue label={`Change, ${direction}`} value={value} explanation={explanation} size="small" tone={tone} />
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  figure: css`
    display: flex;
    flex-direction: column;
    gap: ${theme.spacing(0.25)};
    min-width: 0;
  `,
  caption: css`
    color: ${theme.colors.text.secondary};
    font-size: ${theme.typography.bodySmall.fontSize};
  `,
  line: css`
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: ${theme.spacing(1)};
  `,
  delta: css`
    display: inline-flex;
    align-items: center;
    gap: ${theme.spacing(0.5)};
  `,
});
