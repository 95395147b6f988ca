import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PluginType } from '@grafana/data';
import { DataSourceSrv, setDataSourceSrv } from '@grafana/runtime';
import { savePluginSettings } from '../../data/pluginSettings';
import { reloadPage } from '../../utils/reloadPage';
import { testIds } from '../testIds';
import AppConfig, { AppConfigProps } from './AppConfig';

jest.mock('../../data/pluginSettings', () => ({ savePluginSettings: jest.fn() }));
jest.mock('../../utils/reloadPage', () => ({ reloadPage: jest.fn() }));

const prometheus = {
  uid: 'prom-uid',
  name: 'Prometheus',
  type: 'prometheus',
  meta: { id: 'prometheus', info: { logos: {} } },
};

// The picker asks Grafana's data source service, which Grafana sets at boot.
setDataSourceSrv({
  getList: () => [prometheus],
  getInstanceSettings: (ref: unknown) => (ref === 'prom-uid' ? prometheus : undefined),
} as unknown as DataSourceSrv);

const saveMock = jest.mocked(savePluginSettings);
const reloadMock = jest.mocked(reloadPage);

function propsWith(jsonData: Record<string, unknown>, enabled = true): AppConfigProps {
  return {
    plugin: {
      meta: { id: 'northstar-kpi-app', name: 'Northstar KPI', type: PluginType.app, enabled, pinned: true, jsonData },
    },
    query: {},
  } as unknown as AppConfigProps;
}

describe('Components/AppConfig', () => {
  beforeEach(() => {
    saveMock.mockReset();
    reloadMock.mockReset();
  });

  test('renders the default data source picker and a save button', () => {
    render(<AppConfig {...propsWith({})} />);

    expect(screen.getByRole('group', { name: /kpi defaults/i })).toBeInTheDocument();
    expect(screen.getByTestId(testIds.appConfig.defaultDatasource)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /save settings/i })).toBeInTheDocument();
  });

  test('saving keeps enabled, pinned and the jsonData fields this page does not own', async () => {
    saveMock.mockResolvedValue({} as never);
    const catalog = { apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis: [] };
    render(<AppConfig {...propsWith({ defaultDatasourceUid: 'prom-uid', catalog, revision: 7 }, false)} />);

    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));

    await waitFor(() => expect(reloadMock).toHaveBeenCalledTimes(1));
    expect(saveMock).toHaveBeenCalledWith('northstar-kpi-app', {
      enabled: false,
      pinned: true,
      jsonData: { defaultDatasourceUid: 'prom-uid', catalog, revision: 7 },
    });
  });

  test('a failed save shows the server message and does not reload', async () => {
    saveMock.mockRejectedValue({ status: 403, statusText: 'Forbidden', data: { message: 'Permission denied' } });
    render(<AppConfig {...propsWith({})} />);

    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));

    expect(await screen.findByText('Permission denied')).toBeInTheDocument();
    expect(reloadMock).not.toHaveBeenCalled();
  });
});
