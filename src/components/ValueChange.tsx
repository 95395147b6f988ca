import React from 'react';
import { css, cx } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { Hint } from './Hint';
import { Glyph } from './Glyph';
import type { ValueEvaluation } from '../kpi/evaluate';
import type { ValueDirection } from '../kpi/model';
import { testIds } from './testIds';
import { directionWords, explainValueChange, formatValueChange, NO_PREVIOUS_PERIOD } from './valueWords';

/** ↑ or ↓ beside the value: which way is better, told to screen readers as words. */
export function DirectionArrow({ direction }: { direction: ValueDirection }) {
  const s = useStyles2(getStyles);
  const words = directionWords(direction);
  return (
    <Hint content={words}>
      <span
        className={s.direction}
        role="img"
        aria-label={words}
        tabIndex={0}
        data-testid={testIds.catalog.direction}
        data-direction={direction}
      >
        <Glyph name={direction === 'higher' ? 'arrow-up' : 'arrow-down'} />
      </span>
    </Hint>
  );
}

/**
 * The change on the previous period: green when it goes the better way, red when the worse. With nothing to
 * compare it says so in muted words when the previous period has no value, and nothing when only this one lacks a
 * value (its value cell already says why), never a dash "vs the week before it".
 */
export function ChangeText({ evaluation, unit }: { evaluation: ValueEvaluation; unit: string }) {
  const s = useStyles2(getStyles);
  const { change } = evaluation;
  const explanation = explainValueChange(evaluation, unit);
  if (change === null) {
    return evaluation.previousValue === null ? (
      <Hint content={explanation}>
        <span className={s.secondary} tabIndex={0} aria-label={explanation} data-testid={testIds.catalog.valueChange}>
          {NO_PREVIOUS_PERIOD}
        </span>
      </Hint>
    ) : null;
  }
  const tone = change.better === true ? s.better : change.better === false ? s.worse : s.secondary;
  return (
    <Hint content={explanation}>
      <span tabIndex={0} aria-label={explanation} data-testid={testIds.catalog.valueChange} data-better={change.better}>
        <span className={cx(tone)}>
          {change.absolute !== 0 && <Glyph name={change.absolute > 0 ? 'arrow-up' : 'arrow-down'} />}
          {formatValueChange(change, unit)}
        </span>
        <div className={s.secondary}>vs {evaluation.previousPeriod.label}</div>
      </span>
    </Hint>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  better: css({ color: theme.colors.success.text }),
  worse: css({ color: theme.colors.error.text }),
  direction: css({
    color: theme.colors.text.secondary,
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
});
