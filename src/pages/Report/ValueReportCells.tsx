import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Tooltip, useStyles2 } from '@grafana/ui';
import { formatValue, MISSING } from '../../components/format';
import { ChangeText, DirectionArrow } from '../../components/ValueChange';
import { formatValueTarget } from '../../components/valueWords';
import type { ReportRow } from '../../kpi/evaluate';
import type { ValueKpiDefinition } from '../../kpi/model';
import { failedRowText } from './failedRowText';

interface Props {
  kpi: ValueKpiDefinition;
  /** Undefined while the report loads. */
  row?: ReportRow;
  numberClass: string;
}

/**
 * A value KPI's cells of a report row: the target with the direction, the value in its unit (a total under way
 * with its pace), met or missed by direction, no budget, and the change coloured by direction.
 */
export function ValueReportCells({ kpi, row, numberClass }: Props) {
  const s = useStyles2(getStyles);
  const evaluation = row?.value?.evaluation;
  const { unit } = kpi.indicator;
  return (
    <>
      <td className={numberClass}>
        {formatValueTarget(kpi)} <DirectionArrow direction={kpi.objective.direction} />
      </td>
      <td className={numberClass}>{row ? attainmentText(kpi, row) : <span className={s.secondary}>Loading…</span>}</td>
      <td>
        {row?.met === true ? (
          <Badge color="green" text="Met" />
        ) : row?.met === false ? (
          <Badge color="red" text="Missed" />
        ) : row?.value?.notComparable ? (
          <Tooltip content={`Not judged: ${row.value.notComparable}.`}>
            <span tabIndex={0} className={s.secondary}>
              Not judged
            </span>
          </Tooltip>
        ) : (
          MISSING
        )}
      </td>
      <td className={numberClass}>
        <span className={s.secondary} title="A value KPI has no error budget">
          {MISSING}
        </span>
      </td>
      <td className={numberClass}>{evaluation ? <ChangeText evaluation={evaluation} unit={unit} /> : MISSING}</td>
    </>
  );
}

function attainmentText(kpi: ValueKpiDefinition, row: ReportRow): string {
  const evaluation = row.value?.evaluation;
  if (row.state === 'error' || !evaluation) {
    return failedRowText(row.error);
  }
  const { unit } = kpi.indicator;
  if (evaluation.value === null || evaluation.forecast === null) {
    return `No data${evaluation.reason ? `: ${evaluation.reason}` : ''}`;
  }
  // A total under way is judged on its pace: say both.
  return evaluation.forecast !== evaluation.value
    ? `on pace for ${formatValue(evaluation.forecast, unit)} (${formatValue(evaluation.value, unit)} so far)`
    : formatValue(evaluation.value, unit);
}

const getStyles = (theme: GrafanaTheme2) => ({
  secondary: css({ color: theme.colors.text.secondary }),
});
