import React from 'react';
import { useParams } from 'react-router-dom';
import { PluginPage } from '@grafana/runtime';
import { EmptyState, LinkButton, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { ROUTES } from '../../constants';
import { prefixRoute } from '../../utils/utils.routing';

/** Detail page of one KPI (`kpi/:id`). A shell until the KPI detail issue brings definition, history and burn rates. */
function KpiDetail() {
  const { id = '' } = useParams<{ id: string }>();

  return (
    <PluginPage pageNav={{ text: id }}>
      <div data-testid={testIds.kpiDetail.container}>
        <EmptyState
          variant="call-to-action"
          hideImage
          message={`KPI "${id}"`}
          button={
            <LinkButton
              variant="secondary"
              icon="arrow-left"
              href={prefixRoute(ROUTES.Catalog)}
              data-testid={testIds.kpiDetail.backToCatalog}
            >
              Back to the catalog
            </LinkButton>
          }
        >
          <Text element="p">
            This page will show the KPI&apos;s definition (owner, decision, target and window), its version history, the
            burn rate per alerting window, the error budget burndown and links to its dashboards. Nothing is evaluated
            here yet.
          </Text>
        </EmptyState>
      </div>
    </PluginPage>
  );
}

export default KpiDetail;
