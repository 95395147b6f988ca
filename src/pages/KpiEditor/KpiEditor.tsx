import React from 'react';
import { useParams } from 'react-router-dom';
import { PluginPage } from '@grafana/runtime';
import { EmptyState, LinkButton, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { ROUTES } from '../../constants';
import { prefixRoute } from '../../utils/utils.routing';

/** KPI editor (`edit` for a new KPI, `edit/:id` for an existing one). A shell until the editor issue. */
function KpiEditor() {
  const { id } = useParams<{ id?: string }>();
  const title = id ? `Edit KPI "${id}"` : 'New KPI';

  return (
    <PluginPage pageNav={{ text: title }}>
      <div data-testid={testIds.kpiEditor.container}>
        <EmptyState
          variant="call-to-action"
          message={title}
          button={
            <LinkButton variant="secondary" icon="arrow-left" href={prefixRoute(ROUTES.Catalog)}>
              Back to the catalog
            </LinkButton>
          }
        >
          <Text element="p">
            The editor will let org admins define a KPI here (indicator queries, target, window and alert policy) with
            live validation and a preview evaluation against the chosen data source. Until then, keep KPIs as code and
            provision them from <code>provisioning/plugins/app.yaml</code>.
          </Text>
        </EmptyState>
      </div>
    </PluginPage>
  );
}

export default KpiEditor;
