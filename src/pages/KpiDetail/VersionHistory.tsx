import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Combobox, Field, Stack, Text, useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { formatValueTarget } from '../../components/valueWords';
import { isValueKpi, type CatalogKpi } from '../../kpi/model';
import { objectiveWindowText } from '../../kpi/time';
import { KpiDiffTable } from '../common/KpiDiffTable';
import { versionLabel } from '../common/versions';

/** "99.9%" for an SLO; "≥ $50M" for a value KPI, in its unit. */
function targetText(kpi: CatalogKpi): string {
  return isValueKpi(kpi)
    ? formatValueTarget(kpi)
    : `${(kpi.objective.target * 100).toPrecision(6).replace(/\.?0+$/, '')}%`;
}

/** Every version of the KPI, and the field-by-field changes between any two of them (newest two by default). */
export function VersionHistory({ versions }: { versions: CatalogKpi[] }) {
  const s = useStyles2(getStyles);
  const [fromIndex, setFromIndex] = useState(Math.max(versions.length - 2, 0));
  const [toIndex, setToIndex] = useState(versions.length - 1);
  const options = versions.map((kpi, index) => ({ value: index, label: versionLabel(kpi) }));
  const from = versions[Math.min(fromIndex, versions.length - 1)];
  const to = versions[Math.min(toIndex, versions.length - 1)];

  return (
    <div data-testid={testIds.kpiDetail.history}>
      <ol className={s.list} aria-label="Versions">
        {versions.map((kpi) => (
          <li key={`${kpi.version}-${kpi.status}`}>
            <Text weight="medium">{versionLabel(kpi)}</Text>{' '}
            <Text color="secondary">
              target {targetText(kpi)} over {objectiveWindowText(kpi.objective.window)}
            </Text>
          </li>
        ))}
      </ol>
      {versions.length > 1 && (
        <>
          <Stack direction="row" gap={2} alignItems="flex-end">
            <Field label="Compare" noMargin>
              <Combobox
                options={options}
                value={fromIndex}
                onChange={(option) => setFromIndex(option.value)}
                width={20}
                data-testid={testIds.kpiDetail.diffFrom}
              />
            </Field>
            <Field label="with" noMargin>
              <Combobox
                options={options}
                value={toIndex}
                onChange={(option) => setToIndex(option.value)}
                width={20}
                data-testid={testIds.kpiDetail.diffTo}
              />
            </Field>
          </Stack>
          <KpiDiffTable before={from} after={to} />
        </>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ margin: theme.spacing(0, 0, 2, 2) }),
});
