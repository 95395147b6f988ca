import {
  importCatalog,
  publishDraft,
  RevisionConflictError,
  saveDraft,
  saveNewDraft,
  type CatalogState,
} from '../kpi/catalog';
import type { Catalog, KpiDefinition } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { memorySettings } from '../testing/memorySettings';
import {
  CatalogStore,
  InvalidCatalogError,
  OvertakenSaveError,
  ProvisionedCatalogError,
  type PluginSettingsClient,
} from './catalogStore';
import { STORED_SIZE_LIMIT, StoredSizeError } from './storedSize';

function baseKpi(): KpiDefinition {
  return checkoutKpi({ version: 1, objective: { target: 0.999 } });
}


const catalogOf = (...kpis: unknown[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

describe('CatalogStore.load', () => {
  test('empty settings are an empty catalog at the empty revision', async () => {
    const loaded = await new CatalogStore(memorySettings({}).client).load();
    expect(loaded).toMatchObject({ catalog: { kpis: [] }, revision: '', broken: [], provisioned: false, history: {} });
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
  test('saves with a new random revision and keeps jsonData fields it does not own', async () => {
    const settings = memorySettings({ defaultDatasourceUid: 'prom-1', revision: 2, catalog: catalogOf() });
    const store = new CatalogStore(settings.client, 0);
    const saved = await store.save('2', (state) => saveDraft(state, { ...baseKpi(), status: 'draft' }, '2'));
    expect(saved.revision).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(settings.current()).toMatchObject({
      enabled: true,
      pinned: true,
      jsonData: { defaultDatasourceUid: 'prom-1', revision: saved.revision },
    });
  });

  test('a save based on an old revision is a conflict and writes nothing', async () => {
    const settings = memorySettings({ revision: 5, catalog: catalogOf(baseKpi()) });
    const store = new CatalogStore(settings.client, 0);
    await expect(store.save('4', (state) => state)).rejects.toBeInstanceOf(RevisionConflictError);
    expect(settings.writes).toHaveLength(0);
  });

  test('two editors from the same revision: the second gets the conflict, the first edit survives', async () => {
    const settings = memorySettings({ revision: 1, catalog: catalogOf({ ...baseKpi(), status: 'draft' }) });
    const first = new CatalogStore(settings.client, 0);
    const second = new CatalogStore(settings.client, 0);
    const rename = (name: string) => (state: CatalogState) =>
      saveDraft(state, { ...state.catalog.kpis[0], name }, state.revision);
    await first.save('1', rename('First'));
    await expect(second.save('1', rename('Second'))).rejects.toThrow('changed by someone else');
    expect((settings.current().jsonData.catalog as { kpis: KpiDefinition[] }).kpis[0].name).toBe('First');
  });

  test('publishing keeps every published version in the history', async () => {
    const settings = memorySettings({ revision: 0 });
    const store = new CatalogStore(settings.client, 0);
    let state = await store.save('0', (s) => saveDraft(s, { ...baseKpi(), status: 'draft' }, s.revision));
    state = await store.save(state.revision, (s) => publishDraft(s, 'checkout-availability', s.revision));
    state = await store.save(state.revision, (s) =>
      saveDraft(s, { ...(s.catalog.kpis[0] as KpiDefinition), objective: { target: 0.995, window: '28d' } }, s.revision)
    );
    state = await store.save(state.revision, (s) => publishDraft(s, 'checkout-availability', s.revision));
    expect(state.history['checkout-availability'].map((k) => [k.version, k.objective.target])).toEqual([
      [1, 0.999],
      [2, 0.995],
    ]);
    expect((await store.load()).catalog.kpis[0]).toMatchObject({ version: 2, status: 'published' });
  });

  test('broken entries are written back untouched, never dropped', async () => {
    const broken = { id: 'typo', version: 1, owner: 'x', objective: { target: 'high' } };
    const settings = memorySettings({ revision: 0, catalog: catalogOf(broken) });
    await new CatalogStore(settings.client, 0).save('0', (s) => saveDraft(s, { ...baseKpi(), status: 'draft' }, '0'));
    expect((settings.current().jsonData.catalog as { kpis: unknown[] }).kpis).toEqual([
      broken,
      expect.objectContaining({ id: 'checkout-availability' }),
    ]);
  });

  test('an edit that changes a published version in place is refused', async () => {
    const settings = memorySettings({ revision: 0, catalog: catalogOf(baseKpi()) });
    const edit = (s: CatalogState) => ({
      ...s,
      catalog: {
        ...s.catalog,
        kpis: [{ ...(s.catalog.kpis[0] as KpiDefinition), objective: { target: 0.9, window: '28d' } }],
      },
    });
    await expect(new CatalogStore(settings.client, 0).save('0', edit)).rejects.toBeInstanceOf(InvalidCatalogError);
    expect(settings.writes).toHaveLength(0);
  });

  test('a provisioned catalog is read-only', async () => {
    const settings = memorySettings({ provisioned: true, catalog: catalogOf(baseKpi()), revision: 0 });
    await expect(new CatalogStore(settings.client, 0).save('0', (s) => s)).rejects.toBeInstanceOf(
      ProvisionedCatalogError
    );
  });
});

describe('a new KPI never replaces an existing one', () => {
  test.each([
    ['in the catalog', { catalog: catalogOf({ ...baseKpi(), status: 'draft' }) }],
    ['only in the history', { catalog: catalogOf(), history: { 'checkout-availability': [baseKpi()] } }],
  ])('a new KPI with the id of one %s is refused and nothing is written', async (_where, stored) => {
    const settings = memorySettings({ revision: 'r1', ...stored });
    const draft = { ...baseKpi(), name: 'Unrelated', status: 'draft' as const };
    await expect(
      new CatalogStore(settings.client, 0).save('r1', (s) => saveNewDraft(s, draft, s.revision))
    ).rejects.toThrow('kpis (checkout-availability).id: already used by a KPI of the catalog or its history');
    expect(settings.writes).toHaveLength(0);
  });
});

describe('immutability against the history', () => {
  const importing = (catalog: unknown) => (s: CatalogState) => importCatalog(s, catalog as Catalog);

  test('an import that turns published v3 into a draft v3 is refused, naming the KPI and the field', async () => {
    const v3 = { ...baseKpi(), version: 3 };
    const settings = memorySettings({ revision: 'r1', catalog: catalogOf(v3), history: { [v3.id]: [v3] } });
    const draftV3 = { ...v3, status: 'draft' as const };
    await expect(new CatalogStore(settings.client, 0).save('r1', importing(catalogOf(draftV3)))).rejects.toThrow(
      'kpis[0] (checkout-availability).version: a draft must be at least version 4: version 3 is published'
    );
    expect(settings.writes).toHaveLength(0);
  });

  test('an import that removed a KPI, then one that re-adds it at v1, is refused', async () => {
    const v3 = { ...baseKpi(), version: 3 };
    const settings = memorySettings({ revision: 'r1', catalog: catalogOf(v3), history: { [v3.id]: [v3] } });
    const store = new CatalogStore(settings.client, 0);
    const removed = await store.save('r1', importing(catalogOf()));
    await expect(store.save(removed.revision, importing(catalogOf({ ...v3, version: 1 })))).rejects.toThrow(
      'kpis[0] (checkout-availability).version: version 1 is older than version 3 in the history; publish this as version 4'
    );
    // Re-added where its versions left off, it is welcome.
    const readded = await store.save(removed.revision, importing(catalogOf({ ...v3, version: 4 })));
    expect(readded.history[v3.id].map((kpi) => kpi.version)).toEqual([3, 4]);
  });
});

describe('the revision is a random token', () => {
  test('a writer that restores an old copy cannot hand a stale editor a revision it holds', async () => {
    const settings = memorySettings({ revision: 'r0', catalog: catalogOf() });
    const store = new CatalogStore(settings.client, 0);
    const pageOpen = JSON.parse(JSON.stringify(settings.current()));
    const editorOpen = await store.save('r0', (s) => saveDraft(s, { ...baseKpi(), status: 'draft' }, s.revision));
    await store.save(editorOpen.revision, (s) => saveDraft(s, { ...s.catalog.kpis[0], name: 'Import' }, s.revision));
    // Grafana's Disable button posts the settings as the config page loaded them, then someone saves on top.
    await settings.client.write(pageOpen);
    await store.save('r0', (s) => saveDraft(s, { ...baseKpi(), name: 'After rollback', status: 'draft' }, s.revision));
    // With a counter the stale editor's revision would be current again; with tokens it is a conflict.
    await expect(
      store.save(editorOpen.revision, (s) => saveDraft(s, { ...baseKpi(), status: 'draft' }, s.revision))
    ).rejects.toBeInstanceOf(RevisionConflictError);
  });
});

describe('a save another write overtook', () => {
  test('is reported as a conflict when the read-back finds the other writer', async () => {
    const settings = memorySettings({ revision: 'r1', catalog: catalogOf() });
    const theirs = { ...settings.current(), jsonData: { revision: 'theirs', writer: 'theirs', catalog: catalogOf() } };
    // Their save passed the same revision check and lands just after ours.
    const racing: PluginSettingsClient = {
      read: settings.client.read,
      write: async (mine) => {
        await settings.client.write(mine);
        await settings.client.write(theirs);
      },
    };
    const save = new CatalogStore(racing, 0).save('r1', (s) => saveDraft(s, { ...baseKpi(), status: 'draft' }, 'r1'));
    await expect(save).rejects.toBeInstanceOf(OvertakenSaveError);
    await expect(save).rejects.toMatchObject({ expectedRevision: 'r1', actualRevision: 'theirs' });
    await expect(save).rejects.toThrow('Another save landed at the same moment and replaced yours');
  });
});

describe('the stored size', () => {
  test('a write past the limit is refused with the sizes, and nothing is written', async () => {
    const settings = memorySettings({ revision: 'r1', catalog: catalogOf() });
    const long = { ...baseKpi(), status: 'draft' as const, description: 'x'.repeat(STORED_SIZE_LIMIT) };
    const save = new CatalogStore(settings.client, 0).save('r1', (s) => saveDraft(s, long, 'r1'));
    await expect(save).rejects.toBeInstanceOf(StoredSizeError);
    await expect(save).rejects.toThrow(/would take 64\.\d KiB, more than the 64\.0 KiB Grafana can store on MySQL/);
    expect(settings.writes).toHaveLength(0);
  });

  test('a load says how much of the limit the settings take', async () => {
    const settings = memorySettings({ revision: 'r1', catalog: catalogOf(baseKpi()) });
    const { size } = await new CatalogStore(settings.client, 0).load();
    expect(size).toEqual({ bytes: JSON.stringify(settings.current().jsonData).length, limit: 65_535, level: 'ok' });
  });
});

describe('a composite whose member is a broken stored entry', () => {
  test('loads as broken with its reason, and later saves still work', async () => {
    const member = { ...baseKpi(), id: 'latency', objective: { target: 1.5, window: '28d' } };
    const composite = {
      ...baseKpi(),
      datasource: undefined,
      id: 'journey',
      indicator: { type: 'composite', members: [{ kpi: 'latency', weight: 1 }] },
    };
    const settings = memorySettings({ revision: 'r1', catalog: catalogOf(member, composite) });
    const store = new CatalogStore(settings.client, 0);
    const loaded = await store.load();
    expect(loaded.catalog.kpis).toEqual([]);
    expect(loaded.broken.map((b) => [b.id, b.problems.map((p) => p.path)])).toEqual([
      ['latency', ['objective.target']],
      ['journey', ['indicator.members[0].kpi']],
    ]);
    const saved = await store.save('r1', (s) => saveNewDraft(s, { ...baseKpi(), status: 'draft' }, s.revision));
    expect(saved.catalog.kpis.map((k) => k.id)).toEqual(['checkout-availability']);
  });
});

describe('CatalogStore.updateSettings', () => {
  test('sets the defaults on the settings as stored now, keeping the catalog and its revision', async () => {
    const settings = memorySettings({ revision: 'r1', catalog: catalogOf(baseKpi()), defaultDatasourceUid: 'old' });
    await new CatalogStore(settings.client, 0).updateSettings({ defaultDatasourceUid: 'prom-2', revision: 'forged' });
    expect(settings.current().jsonData).toMatchObject({
      revision: 'r1',
      defaultDatasourceUid: 'prom-2',
      catalog: catalogOf(baseKpi()),
    });
  });

  test('is refused on a provisioned catalog', async () => {
    const settings = memorySettings({ provisioned: true, catalog: catalogOf(baseKpi()) });
    await expect(new CatalogStore(settings.client, 0).updateSettings({ x: 1 })).rejects.toBeInstanceOf(
      ProvisionedCatalogError
    );
  });
});

describe('the history as stored', () => {
  test('later versions are stored as their changes, and load whole', async () => {
    const settings = memorySettings({ revision: 'r0' });
    const store = new CatalogStore(settings.client, 0);
    let state = await store.save('r0', (s) => saveNewDraft(s, { ...baseKpi(), status: 'draft' }, s.revision));
    state = await store.save(state.revision, (s) => publishDraft(s, 'checkout-availability', s.revision));
    const renamed = { ...state.catalog.kpis[0], name: 'Checkout success' };
    state = await store.save(state.revision, (s) =>
      publishDraft(saveDraft(s, renamed, s.revision), 'checkout-availability', s.revision)
    );
    const stored = settings.current().jsonData.history as Record<string, unknown[]>;
    expect(stored['checkout-availability'][1]).toEqual({ delta: { set: { version: 2, name: 'Checkout success' } } });
    expect((await store.load()).history['checkout-availability'].map((kpi) => [kpi.version, kpi.name])).toEqual([
      [1, 'Checkout availability'],
      [2, 'Checkout success'],
    ]);
  });
});
