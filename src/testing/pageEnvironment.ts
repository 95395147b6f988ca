/**
 * What the app's pages need from Grafana in jsdom tests: a catalog store over in-memory plugin settings, the
 * signed-in user's role and a data source service with one Prometheus (for the editor's data source picker).
 */
import { of } from 'rxjs';
import { config, setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';
import { OrgRole, type DataSourceInstanceSettings } from '@grafana/data';
import { CatalogStore, type PluginSettingsClient, type PluginSettingsSnapshot } from '../data/catalogStore';
import { CheckInStore } from '../data/checkInStore';
import { setCheckInStoreForTests } from '../pages/common/useCheckIns';
import { memoryAnnotations } from './memoryAnnotations';
import { memorySettings } from './memorySettings';
import { setCatalogStoreForTests } from '../components/catalog/useCatalog';

const PROMETHEUS = {
  uid: 'prometheus',
  type: 'prometheus',
  name: 'Prometheus',
  meta: { id: 'prometheus', name: 'Prometheus', info: { logos: { small: '', large: '' } }, metrics: true },
} as unknown as DataSourceInstanceSettings;

/** Plugin settings in memory, replaced wholesale on write as Grafana does; `beforeRead`/`beforeWrite` can fail. */
export function memoryCatalog(jsonData: PluginSettingsSnapshot['jsonData'] = {}) {
  let stored: PluginSettingsSnapshot = { enabled: true, pinned: true, jsonData };
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  const hooks: { beforeRead?: () => void; beforeWrite?: () => void } = {};
  const client: PluginSettingsClient = {
    read: async () => {
      hooks.beforeRead?.();
      return copy(stored);
    },
    write: async (settings) => {
      hooks.beforeWrite?.();
      stored = copy(settings);
    },
  };
  // Nothing races in memory: no pause before the read-back.
  const store = new CatalogStore(client, 0);
  return {
    store,
    client,
    hooks,
    current: () => stored,
    replace: (next: PluginSettingsSnapshot['jsonData']) => (stored = copy({ ...stored, jsonData: next })),
  };
}

export function setUpPages(options: { role?: OrgRole; jsonData?: PluginSettingsSnapshot['jsonData'] } = {}) {
  const catalog = memoryCatalog(options.jsonData);
  setCatalogStoreForTests(catalog.store);
  // Check-ins as annotations; older notes in the same settings, a provisioned catalog's in the panel's, empty here.
  const annotations = memoryAnnotations('admin');
  setCheckInStoreForTests(new CheckInStore(annotations.client, catalog.client, memorySettings({}).client));
  config.bootData.user.orgRole = options.role ?? OrgRole.Admin;
  setDataSourceSrv({
    getList: () => [PROMETHEUS],
    getInstanceSettings: (ref: unknown) => (ref ? PROMETHEUS : undefined),
    get: async () => undefined,
    reload: async () => undefined,
    registerRuntimeDataSource: () => undefined,
  } as unknown as DataSourceSrv);
  return Object.assign(catalog, { annotations });
}

/** A `/api/ds/query` request as getBackendSrv().fetch receives it. */
export interface DsQueryFetch {
  url: string;
  data: { to: string; queries: Array<{ refId: string; expr: string }> };
}

/**
 * The answer of `/api/ds/query` to instant queries, as Grafana's Prometheus backend frames it: for each query
 * the value `answer` gives (one series at `to`), or its error. For a mocked getBackendSrv().fetch.
 */
export function instantAnswers(
  request: DsQueryFetch,
  answer: (query: { refId: string; expr: string }) => number | { error: string }
) {
  const results: Record<string, unknown> = {};
  for (const query of request.data.queries) {
    const value = answer(query);
    results[query.refId] =
      typeof value === 'number'
        ? {
            status: 200,
            frames: [
              {
                schema: {
                  fields: [
                    { name: 'Time', type: 'time' },
                    { name: 'Value', type: 'number' },
                  ],
                },
                data: { values: [[Number(request.data.to)], [value]] },
              },
            ],
          }
        : { status: 400, error: value.error };
  }
  return of({ data: { results } });
}
