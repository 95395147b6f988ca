import React, { FormEvent, useState } from 'react';
import { css } from '@emotion/css';
import { AppPluginMeta, GrafanaTheme2, PluginConfigPageProps } from '@grafana/data';
import { DataSourcePicker, isFetchError } from '@grafana/runtime';
import { Alert, Button, Field, FieldSet, Text, useStyles2 } from '@grafana/ui';
import { savePluginSettings } from '../../data/pluginSettings';
import type { AppSettings } from '../../types';
import { reloadPage } from '../../utils/reloadPage';
import { testIds } from '../testIds';

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppSettings>> {}

/** The app's configuration tab (org admins): the default data source for new KPIs. */
const AppConfig = ({ plugin }: AppConfigProps) => {
  const s = useStyles2(getStyles);
  const { id, enabled, pinned, jsonData } = plugin.meta;
  const [datasourceUid, setDatasourceUid] = useState(jsonData?.defaultDatasourceUid ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      await savePluginSettings(id, {
        enabled: Boolean(enabled),
        pinned: Boolean(pinned),
        // Keep the fields this page does not own (the catalog lives in jsonData too).
        jsonData: { ...jsonData, defaultDatasourceUid: datasourceUid || undefined },
      });
      reloadPage();
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  };

  return (
    <form onSubmit={onSubmit} data-testid={testIds.appConfig.container}>
      <FieldSet label="KPI defaults">
        <Text element="p" color="secondary">
          KPIs name their own data source; this one is offered when a new KPI does not.
        </Text>
        <Field label="Default data source" htmlFor="northstar-default-datasource" className={s.marginTop}>
          <div data-testid={testIds.appConfig.defaultDatasource}>
            <DataSourcePicker
              inputId="northstar-default-datasource"
              current={datasourceUid || null}
              metrics
              noDefault
              width={60}
              onChange={(ds) => setDatasourceUid(ds.uid)}
              onClear={() => setDatasourceUid('')}
            />
          </div>
        </Field>
        {error && (
          <Alert severity="error" title="Settings were not saved">
            {error}
          </Alert>
        )}
        <div className={s.marginTop}>
          <Button type="submit" data-testid={testIds.appConfig.submit} disabled={saving}>
            {saving ? 'Saving...' : 'Save settings'}
          </Button>
        </div>
      </FieldSet>
    </form>
  );
};

export default AppConfig;

function errorMessage(e: unknown): string {
  if (isFetchError(e)) {
    return e.data?.message ?? `${e.status} ${e.statusText ?? ''}`.trim();
  }
  return e instanceof Error ? e.message : String(e);
}

const getStyles = (theme: GrafanaTheme2) => ({
  marginTop: css`
    margin-top: ${theme.spacing(2)};
  `,
});
