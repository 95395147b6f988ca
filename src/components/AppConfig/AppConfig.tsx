import React, { FormEvent, useState } from 'react';
import { css } from '@emotion/css';
import { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Text, useStyles2 } from '@grafana/ui';
import { fetchErrorMessage } from '../../data/fetchErrors';
import { validateAlertPolicy } from '../../kpi/catalog';
import type { AppSettings } from '../../types';
import { reloadPage } from '../../utils/reloadPage';
import { catalogStore } from '../catalog/useCatalog';
import { AlertPolicyField } from '../AlertPolicyField';
import { alertingInputOf, policyFormOf, type PolicyForm } from '../alertPolicyForm';
import { testIds } from '../testIds';
import { CatalogFileSection } from './CatalogFileSection';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppSettings>> {}

/** The app's configuration tab (org admins): defaults for new KPIs, and the catalog as a YAML file. */
const AppConfig = ({ plugin }: AppConfigProps) => {
  const s = useStyles2(getStyles);
  const { jsonData } = plugin.meta;
  // Provisioning owns the settings: a save here would be undone by the next Grafana restart.
  const provisioned = jsonData?.provisioned === true;
  const [datasource, setDatasource] = useState({
    uid: jsonData?.defaultDatasourceUid ?? '',
    type: jsonData?.defaultDatasourceType ?? 'prometheus',
  });
  const [policy, setPolicy] = useState<PolicyForm>(() => policyFormOf(jsonData?.defaultAlerting));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const alerting = alertingInputOf(policy);
  const policyProblems = validateAlertPolicy(alerting);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (policyProblems.length > 0) {
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      // Only this page's fields, on the settings as stored now and through the store's checks: the catalog lives
      // in jsonData too, and a stale copy of it must never be written back.
      await catalogStore().updateSettings({
        defaultDatasourceUid: datasource.uid || undefined,
        defaultDatasourceType: datasource.uid ? datasource.type : undefined,
        defaultAlerting: policy.policy === 'custom' ? (alerting as AppSettings['defaultAlerting']) : undefined,
      });
      reloadPage();
    } catch (e) {
      setError(fetchErrorMessage(e));
      setSaving(false);
    }
  };

  return (
    <div className={s.page}>
      <form onSubmit={onSubmit} data-testid={testIds.appConfig.container}>
        <FieldSet label="KPI defaults" disabled={provisioned}>
          <Text element="p" color="secondary">
            KPIs name their own data source and policy; these are what a new KPI starts with in the editor.
          </Text>
          <Field label="Default data source" htmlFor="northstar-default-datasource" className={s.marginTop}>
            <div data-testid={testIds.appConfig.defaultDatasource}>
              <DataSourcePicker
                inputId="northstar-default-datasource"
                current={datasource.uid || null}
                metrics
                noDefault
                width={60}
                onChange={(ds) => setDatasource({ uid: ds.uid, type: ds.type })}
                onClear={() => setDatasource({ uid: '', type: 'prometheus' })}
              />
            </div>
          </Field>
          <AlertPolicyField value={policy} onChange={setPolicy} problems={policyProblems} />
          {error && (
            <Alert severity="error" title="Settings were not saved">
              {error}
            </Alert>
          )}
          <div className={s.marginTop}>
            <Button
              type="submit"
              data-testid={testIds.appConfig.submit}
              disabled={provisioned || saving || policyProblems.length > 0}
              tooltip={provisioned ? 'Managed by provisioning: change the provisioning file' : undefined}
            >
              {saving ? 'Saving...' : 'Save settings'}
            </Button>
          </div>
        </FieldSet>
      </form>
      <CatalogFileSection />
    </div>
  );
};

export default AppConfig;

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(4) }),
  marginTop: css`
    margin-top: ${theme.spacing(2)};
  `,
});
