import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { formatValue } from '../../../components/format';
import { StatusPill } from '../../../components/StatusPill';
import { testIds } from '../../../components/testIds';
import { TrendSparkline } from '../../../components/TrendSparkline';
import { ChangeText, DirectionArrow } from '../../../components/ValueChange';
import { forecastSentence, formatValueTarget } from '../../../components/valueWords';
import type { ValueStatus } from '../../../kpi/evaluate';
import type { ValuePanelEvaluation } from '../../../reading';
import { VALUE_GAP_PX, VALUE_HEADER_PX, valueViewLayout } from './valueViewLayout';

interface Props {
  result: ValuePanelEvaluation;
  /** The panel's unit option, else the KPI's own. */
  unit: string;
  /** The view's inner size in pixels. */
  width: number;
  height: number;
}

/**
 * A value KPI at a glance: status and name, the big number in its unit coloured by status, the target with the
 * direction, the change on the previous period coloured by direction, and the period's line against the target.
 * Sized in pixels by valueViewLayout, so a 300×200 cell shows all of it.
 */
export function ValueView({ result, unit, width, height }: Props) {
  const s = useStyles2(getStyles);
  const { kpi, reading, line } = result;
  const { evaluation } = reading;
  const number = formatValue(evaluation.value, unit);
  const layout = valueViewLayout(width, height, number);
  const lifecycle = kpi.status !== 'published' ? ` (${kpi.status})` : '';
  const sentence = forecastSentence(kpi, evaluation);
  const target = formatValueTarget(kpi);
  return (
    <div className={s.view} data-testid={testIds.kpiPanel.valueView} style={{ gap: VALUE_GAP_PX }}>
      <div className={s.header} style={{ height: VALUE_HEADER_PX }}>
        <StatusPill status={evaluation.status} kind="value" reason={evaluation.reason} />
        <span className={s.name} title={kpi.description ?? kpi.name}>
          {kpi.name}
          {lifecycle}
        </span>
      </div>
      <div className={s.numberRow} style={{ height: layout.numberRowPx }}>
        <span
          className={s.number}
          style={{ fontSize: layout.numberPx }}
          title={sentence}
          data-testid={testIds.kpiPanel.valueNumber}
          data-status={evaluation.status}
        >
          <span className={s[toneOf(evaluation.status)]}>{number}</span>
        </span>
        <div className={s.side}>
          <div className={s.line}>
            target {target} <DirectionArrow direction={kpi.objective.direction} />
          </div>
          <ChangeText evaluation={evaluation} unit={unit} />
        </div>
      </div>
      {layout.showSentence && <div className={s.sentence}>{sentence}</div>}
      {layout.sparklinePx > 0 &&
        (line && line.values.length > 1 ? (
          <div data-testid={testIds.kpiPanel.valueLine}>
            <TrendSparkline
              grid={line.grid}
              values={line.values}
              width={width}
              height={layout.sparklinePx}
              color={LINE_COLOURS[evaluation.status]}
              target={kpi.objective.target}
              maintenance={kpi.maintenance}
              label={`${kpi.name} ${evaluation.period.label} against its target ${target}`}
            />
          </div>
        ) : (
          <div className={s.reason} style={{ maxHeight: layout.sparklinePx }}>
            {evaluation.reason ? `No value: ${evaluation.reason}.` : sentence}
          </div>
        ))}
    </div>
  );
}

type Tone = 'good' | 'warning' | 'bad' | 'neutral';

function toneOf(status: ValueStatus): Tone {
  return status === 'on-track' ? 'good' : status === 'at-risk' ? 'warning' : status === 'off-track' ? 'bad' : 'neutral';
}

const LINE_COLOURS: Record<ValueStatus, string> = {
  'on-track': 'green',
  'at-risk': 'orange',
  'off-track': 'red',
  'no-data': 'text',
  maintenance: 'blue',
};

const getStyles = (theme: GrafanaTheme2) => ({
  view: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  header: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), minWidth: 0 }),
  name: css({
    fontWeight: theme.typography.fontWeightMedium,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
  }),
  numberRow: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(2), minWidth: 0 }),
  number: css({
    fontWeight: theme.typography.fontWeightMedium,
    lineHeight: 1.2,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  }),
  side: css({
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: '17px',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  }),
  line: css({ color: theme.colors.text.secondary, overflow: 'hidden', textOverflow: 'ellipsis' }),
  sentence: css({
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  reason: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    overflow: 'auto',
    overflowWrap: 'anywhere',
  }),
  good: css({ color: theme.colors.success.text }),
  warning: css({ color: theme.colors.warning.text }),
  bad: css({ color: theme.colors.error.text }),
  neutral: css({ color: theme.colors.text.secondary }),
});
