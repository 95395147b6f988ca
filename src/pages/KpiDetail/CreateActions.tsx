import React from 'react';
import { Stack } from '@grafana/ui';
import type { CatalogKpi } from '../../kpi/model';
import { useCreateAlertRules } from './useCreateAlertRules';
import { useCreateDashboards } from './useCreateDashboards';

interface Props {
  kpi: CatalogKpi;
  catalogKpis: readonly CatalogKpi[];
  /** The dashboard the alert rules link to. */
  dashboardUrl: string;
}

/**
 * The KPI page's create actions for a user who may save dashboards and rules: the buttons side by side, as Grafana's
 * page toolbars line up theirs, then what each says (a value KPI's one dashboard, why rules cannot be made, what was
 * created). Below, not beside: a note beside its button pushed the next button across the page. Keyboard order
 * follows the buttons left to right, then the words.
 */
export function CreateActions({ kpi, catalogKpis, dashboardUrl }: Props) {
  const dashboards = useCreateDashboards({ kpi, catalogKpis });
  const alertRules = useCreateAlertRules({ kpi, catalogKpis, dashboardUrl });
  return (
    <Stack direction="column" gap={1} alignItems="flex-start">
      <Stack direction="row" gap={1} wrap="wrap" alignItems="center" role="group" aria-label="Create from this KPI">
        {dashboards.button}
        {alertRules.button}
      </Stack>
      {dashboards.details}
      {alertRules.details}
    </Stack>
  );
}
