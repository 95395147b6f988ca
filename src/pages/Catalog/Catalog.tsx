import React from 'react';
import { PluginPage } from '@grafana/runtime';
import { EmptyState, LinkButton, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { kpiEditorUrl } from '../../utils/utils.routing';

/** The KPI catalog. For now an honest empty state: the table, filters and live status arrive with the catalog issue. */
function Catalog() {
  return (
    <PluginPage subTitle="KPIs: metrics from your data sources with a target, a context and a timeframe">
      <div data-testid={testIds.catalog.container}>
        <EmptyState
          variant="call-to-action"
          message="No KPIs to show yet"
          button={
            <LinkButton icon="plus" href={kpiEditorUrl()} data-testid={testIds.catalog.addKpi}>
              Add a KPI
            </LinkButton>
          }
        >
          <Text element="p">
            The KPI catalog will list your KPIs here, with owner, status, SLI against target and error budget left.
            Provision them from a file (<code>provisioning/plugins/app.yaml</code>) or add them in the editor.
          </Text>
        </EmptyState>
      </div>
    </PluginPage>
  );
}

export default Catalog;
