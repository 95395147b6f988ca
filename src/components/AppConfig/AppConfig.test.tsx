import React from 'react';
import { of, throwError } from 'rxjs';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PluginType } from '@grafana/data';
import { DataSourceSrv, setDataSourceSrv } from '@grafana/runtime';
import { CatalogStore } from '../../data/catalogStore';
import { setCatalogStoreForTests } from '../catalog/useCatalog';
import { reloadPage } from '../../utils/reloadPage';
import { testIds } from '../testIds';
import AppConfig, { AppConfigProps } from './AppConfig';

jest.mock('../../utils/reloadPage', () => ({ reloadPage: jest.fn() }));

/** Grafana's plugin settings endpoint over one stored value; `failWith` makes the next POST fail. */
const backend = {
  stored: { enabled: true, pinned: true, jsonData: {} as Record<string, unknown> },
  posts: [] as unknown[],
  failWith: undefined as unknown,
};
const mockFetch = jest.fn((request: { method: string; data?: unknown }) => {
  if (request.method === 'GET') {
    return of({ data: JSON.parse(JSON.stringify(backend.stored)) });
  }
  if (backend.failWith) {
    return throwError(() => backend.failWith);
  }
  backend.posts.push(request.data);
  backend.stored = JSON.parse(JSON.stringify(request.data));
  return of({ data: { message: 'Plugin settings updated' } });
});
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

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

const reloadMock = jest.mocked(reloadPage);
const catalogOf = (...ids: string[]) => ({
  apiVersion: 'northstar.dev/v1',
  kind: 'KpiCatalog',
  kpis: ids.map((id) => ({
    id,
    version: 1,
    status: 'published',
    name: id,
    owner: 'team',
    datasource: { type: 'prometheus', uid: 'prom-uid' },
    indicator: { type: 'ratio', good: 'good', total: 'total' },
    objective: { target: 0.999, window: '28d' },
  })),
});

function propsWith(jsonData: Record<string, unknown>): AppConfigProps {
  return {
    plugin: {
      meta: {
        id: 'northstar-kpi-app',
        name: 'Northstar KPI',
        type: PluginType.app,
        enabled: true,
        pinned: true,
        jsonData,
      },
    },
    query: {},
  } as unknown as AppConfigProps;
}

describe('Components/AppConfig', () => {
  beforeEach(() => {
    backend.stored = { enabled: true, pinned: true, jsonData: {} };
    backend.posts = [];
    backend.failWith = undefined;
    reloadMock.mockReset();
    // The real store, over the fake endpoint above.
    setCatalogStoreForTests(new CatalogStore());
  });

  test('renders the defaults, a save button and the catalog file section', async () => {
    render(<AppConfig {...propsWith({})} />);

    expect(screen.getByRole('group', { name: /kpi defaults/i })).toBeInTheDocument();
    expect(screen.getByTestId(testIds.appConfig.defaultDatasource)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /save settings/i })).toBeInTheDocument();
    expect(await screen.findByTestId(testIds.appConfig.exportYaml)).toHaveTextContent('Export YAML (0 KPIs)');
  });

  test('saving writes its fields onto the settings as stored now: a catalog saved since the page loaded is kept', async () => {
    backend.stored = {
      enabled: true,
      pinned: false,
      jsonData: { defaultDatasourceUid: 'prom-uid', catalog: catalogOf('newer'), revision: 8 },
    };
    render(
      <AppConfig {...propsWith({ defaultDatasourceUid: 'prom-uid', catalog: catalogOf('stale'), revision: 7 })} />
    );

    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));

    await waitFor(() => expect(reloadMock).toHaveBeenCalledTimes(1));
    expect(backend.posts).toEqual([
      {
        enabled: true,
        pinned: false,
        jsonData: {
          defaultDatasourceUid: 'prom-uid',
          defaultDatasourceType: 'prometheus',
          catalog: catalogOf('newer'),
          revision: 8,
          writer: expect.stringMatching(/^[0-9a-f-]{32,36}$/),
        },
      },
    ]);
  });

  test('on a provisioned catalog the defaults form is disabled', async () => {
    backend.stored.jsonData = { catalog: catalogOf('kept'), provisioned: true };
    render(<AppConfig {...propsWith({ catalog: catalogOf('kept'), provisioned: true })} />);
    expect(await screen.findByTestId(testIds.catalog.provisioned)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeDisabled();
    expect(screen.getByRole('group', { name: /kpi defaults/i })).toBeDisabled();
  });

  test('a failed save shows the server message and does not reload', async () => {
    backend.failWith = { status: 403, statusText: 'Forbidden', data: { message: 'Permission denied' } };
    render(<AppConfig {...propsWith({})} />);

    fireEvent.click(screen.getByTestId(testIds.appConfig.submit));

    expect(await screen.findByText('HTTP 403 Permission denied')).toBeInTheDocument();
    expect(reloadMock).not.toHaveBeenCalled();
  });

  test('a custom default policy is checked with the catalog schema before it can be saved', async () => {
    render(<AppConfig {...propsWith({})} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('Rule 1 long window'), { target: { value: 'an hour' } });

    expect(await screen.findByText('must be a positive duration such as 5m, 1h or 28d')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.appConfig.submit)).toBeDisabled();
  });

  test('importing a file shows what it changes and saves only when confirmed', async () => {
    backend.stored.jsonData = { catalog: catalogOf('kept', 'dropped'), revision: 3 };
    render(<AppConfig {...propsWith({})} />);
    await screen.findByTestId(testIds.appConfig.exportYaml);

    const yaml = `apiVersion: northstar.dev/v1
kind: KpiCatalog
kpis:
  - { id: kept, version: 1, status: published, name: kept, owner: team, datasource: { type: prometheus, uid: prom-uid }, indicator: { type: ratio, good: good, total: total }, objective: { target: 0.999, window: 28d } }
  - { id: added, version: 1, status: draft, name: Added, owner: team, datasource: { type: prometheus, uid: prom-uid }, indicator: { type: ratio, good: good, total: total }, objective: { target: 0.99, window: 7d } }
`;
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([yaml], 'catalog.yaml')] } });

    const preview = await screen.findByTestId(testIds.appConfig.importPreview);
    expect(preview).toHaveTextContent('Adds added');
    expect(preview).toHaveTextContent('Removes dropped');
    expect(preview).toHaveTextContent('Leaves 1 KPIs as they are');
    expect(backend.posts).toEqual([]);

    fireEvent.click(screen.getByTestId(testIds.appConfig.importConfirm));
    expect(await screen.findByText('Imported 2 KPIs.')).toBeInTheDocument();
    const saved = backend.stored.jsonData as { catalog: { kpis: Array<{ id: string }> }; revision: string };
    expect(saved.catalog.kpis.map((kpi) => kpi.id)).toEqual(['kept', 'added']);
    expect(saved.revision).toMatch(/^[0-9a-f-]{32,36}$/);
    // The page reloads, so Grafana's Enable/Disable post the imported catalog, not the one the page opened with.
    expect(reloadMock).toHaveBeenCalledTimes(1);
  });

  test('a broken file is refused with the problem named by KPI and field, and nothing is saved', async () => {
    render(<AppConfig {...propsWith({})} />);
    await screen.findByTestId(testIds.appConfig.exportYaml);
    const yaml =
      'apiVersion: northstar.dev/v1\nkind: KpiCatalog\nkpis:\n  - { id: x, version: 1, status: published, name: X, owner: t, datasource: { type: prometheus, uid: p }, indicator: { type: ratio, good: g, total: t }, objective: { target: 1.5, window: 28d } }\n';
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([yaml], 'bad.yaml')] } });

    expect(await screen.findByTestId(testIds.appConfig.importProblems)).toHaveTextContent(
      'bad.yaml: kpis[0] (x).objective.target: must be between 0 and 1 (exclusive)'
    );
    expect(backend.posts).toEqual([]);
  });
});
