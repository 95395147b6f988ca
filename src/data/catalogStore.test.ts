import { publishDraft, RevisionConflictError, saveDraft, type CatalogState } from '../kpi/catalog';
import type { KpiDefinition } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import {
  CatalogStore,
  InvalidCatalogError,
  ProvisionedCatalogError,
  type PluginSettingsClient,
  type PluginSettingsSnapshot,
} from './catalogStore';

function baseKpi(): KpiDefinition {
  return checkoutKpi({ version: 1, objective: { target: 0.999 } });
}

/** Plugin settings in memory, replaced wholesale on write as Grafana does. */
function memorySettings(jsonData: PluginSettingsSnapshot['jsonData']) {
  let stored: PluginSettingsSnapshot = { enabled: true, pinned: true, jsonData };
  const writes: PluginSettingsSnapshot[] = [];
  const client: PluginSettingsClient = {
    read: async () => structuredCloneJson(stored),
    write: async (settings) => {
      writes.push(settings);
      stored = structuredCloneJson(settings);
    },
  };
  return { client, writes, current: () => stored };
}

const structuredCloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

const catalogOf = (...kpis: unknown[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

describe('CatalogStore.load', () => {
  test('empty settings are an empty catalog at revision 0', async () => {
    const loaded = await new CatalogStore(memorySettings({}).client).load();
    expect(loaded).toMatchObject({ catalog: { kpis: [] }, revision: 0, broken: [], provisioned: false, history: {} });
  });

  test('a hand-edited catalog shows which KPIs are broken and still serves the good ones', async () => {
    const broken = { ...baseKpi(), id: 'latency', objective: { target: 1.5, window: '28d' } };
    const { client } = memorySettings({ catalog: catalogOf(baseKpi(), broken, { ...baseKpi() }), revision: 4 });
    const loaded = await new CatalogStore(client).load();
    expect(loaded.catalog.kpis.map((k) => k.id)).toEqual(['checkout-availability']);
    expect(loaded.broken).toEqual([
      {
        index: 1,
        id: 'latency',
        problems: [{ path: 'objective.target', message: 'must be between 0 and 1 (exclusive)' }],
      },
      { index: 2, id: 'checkout-availability', problems: [{ path: 'id', message: 'duplicate id' }] },
    ]);
  });
});

describe('CatalogStore.save', () => {
  test('saves with the next revision and keeps jsonData fields it does not own', async () => {
    const settings = memorySettings({ defaultDatasourceUid: 'prom-1', revision: 2, catalog: catalogOf() });
    const store = new CatalogStore(settings.client);
    const saved = await store.save(2, (state) => saveDraft(state, { ...baseKpi(), status: 'draft' }, 2));
    expect(saved.revision).toBe(3);
    expect(settings.current()).toMatchObject({
      enabled: true,
      pinned: true,
      jsonData: { defaultDatasourceUid: 'prom-1', revision: 3 },
    });
  });

  test('a save based on an old revision is a conflict and writes nothing', async () => {
    const settings = memorySettings({ revision: 5, catalog: catalogOf(baseKpi()) });
    const store = new CatalogStore(settings.client);
    await expect(store.save(4, (state) => state)).rejects.toBeInstanceOf(RevisionConflictError);
    expect(settings.writes).toHaveLength(0);
  });

  test('two editors from the same revision: the second gets the conflict, the first edit survives', async () => {
    const settings = memorySettings({ revision: 1, catalog: catalogOf({ ...baseKpi(), status: 'draft' }) });
    const first = new CatalogStore(settings.client);
    const second = new CatalogStore(settings.client);
    const rename = (name: string) => (state: CatalogState) =>
      saveDraft(state, { ...state.catalog.kpis[0], name }, state.revision);
    await first.save(1, rename('First'));
    await expect(second.save(1, rename('Second'))).rejects.toThrow('changed by someone else');
    expect((settings.current().jsonData.catalog as { kpis: KpiDefinition[] }).kpis[0].name).toBe('First');
  });

  test('publishing keeps every published version in the history', async () => {
    const settings = memorySettings({ revision: 0 });
    const store = new CatalogStore(settings.client);
    let state = await store.save(0, (s) => saveDraft(s, { ...baseKpi(), status: 'draft' }, 0));
    state = await store.save(1, (s) => publishDraft(s, 'checkout-availability', 1));
    state = await store.save(2, (s) =>
      saveDraft(s, { ...s.catalog.kpis[0], objective: { target: 0.995, window: '28d' } }, 2)
    );
    state = await store.save(3, (s) => publishDraft(s, 'checkout-availability', 3));
    expect(state.history['checkout-availability'].map((k) => [k.version, k.objective.target])).toEqual([
      [1, 0.999],
      [2, 0.995],
    ]);
    expect((await store.load()).catalog.kpis[0]).toMatchObject({ version: 2, status: 'published' });
  });

  test('broken entries are written back untouched, never dropped', async () => {
    const broken = { id: 'typo', version: 1, owner: 'x', objective: { target: 'high' } };
    const settings = memorySettings({ revision: 0, catalog: catalogOf(broken) });
    await new CatalogStore(settings.client).save(0, (s) => saveDraft(s, { ...baseKpi(), status: 'draft' }, 0));
    expect((settings.current().jsonData.catalog as { kpis: unknown[] }).kpis).toEqual([
      broken,
      expect.objectContaining({ id: 'checkout-availability' }),
    ]);
  });

  test('an edit that changes a published version in place is refused', async () => {
    const settings = memorySettings({ revision: 0, catalog: catalogOf(baseKpi()) });
    const edit = (s: CatalogState) => ({
      ...s,
      catalog: { ...s.catalog, kpis: [{ ...s.catalog.kpis[0], objective: { target: 0.9, window: '28d' } }] },
    });
    await expect(new CatalogStore(settings.client).save(0, edit)).rejects.toBeInstanceOf(InvalidCatalogError);
    expect(settings.writes).toHaveLength(0);
  });

  test('a provisioned catalog is read-only', async () => {
    const settings = memorySettings({ provisioned: true, catalog: catalogOf(baseKpi()), revision: 0 });
    await expect(new CatalogStore(settings.client).save(0, (s) => s)).rejects.toBeInstanceOf(ProvisionedCatalogError);
  });
});
