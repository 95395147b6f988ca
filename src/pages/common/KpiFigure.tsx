import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { CatalogRowResult } from '../../data/catalogQuery';
import { formatPercent, formatValue, MISSING } from '../../components/format';
import { formatValueTarget } from '../../components/valueWords';
import { isValueKpi, type CatalogKpi } from '../../kpi/model';

/**
 * A KPI's one number from its catalog result, for the tree and the drivers list: an SLO's error budget left, a value
 * KPI's value against its target. The figures come evaluated; this only words them.
 */
export function KpiFigure({ kpi, result }: { kpi: CatalogKpi; result?: CatalogRowResult }) {
  const s = useStyles2(getStyles);
  if (isValueKpi(kpi)) {
    const evaluation = result?.value?.evaluation;
    const missed = evaluation?.status === 'off-track' || evaluation?.status === 'at-risk';
    return (
      <span className={s.figure}>
        <span className={missed ? s.missed : undefined}>{formatValue(evaluation?.value, kpi.indicator.unit)}</span>
        <span className={s.secondary}> / {formatValueTarget(kpi)}</span>
      </span>
    );
  }
  const remaining = result?.evaluation?.budgetRemaining;
  return (
    <span className={s.figure}>
      <span className={remaining !== undefined && remaining !== null && remaining <= 0 ? s.missed : undefined}>
        {remaining === undefined ? MISSING : formatPercent(remaining, 0)}
      </span>
      <span className={s.secondary}> budget left</span>
    </span>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  figure: css({ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  missed: css({ color: theme.colors.error.text }),
});
