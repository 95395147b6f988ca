import {
  assertRevision,
  checkPublishedVersions,
  diffKpis,
  publishDraft,
  retireKpi,
  RevisionConflictError,
  saveDraft,
  nextVersionOf,
  diffCatalogs,
  importCatalog,
  type CatalogState,
} from './catalog';
import type { Catalog, KpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';

function baseKpi(): KpiDefinition {
  return checkoutKpi({ tags: ['tier-1'], indicator: { good: 'good', total: 'total' } });
}

const catalogOf = (...kpis: KpiDefinition[]): Catalog => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

describe('diffKpis', () => {
  test('lists each changed field by path, with before and after', () => {
    const after = { ...baseKpi(), version: 4, objective: { target: 0.99, window: '28d' }, owner: 'team-checkout' };
    expect(diffKpis(baseKpi(), after)).toEqual([
      { path: 'objective.target', before: 0.999, after: 0.99 },
      { path: 'owner', before: 'team-payments', after: 'team-checkout' },
    ]);
  });

  test('added and removed fields show as undefined on one side', () => {
    const after: KpiDefinition = { ...baseKpi(), decision: 'Freeze releases' };
    delete after.tags;
    expect(diffKpis(baseKpi(), after)).toEqual([
      { path: 'decision', before: undefined, after: 'Freeze releases' },
      { path: 'tags', before: ['tier-1'], after: undefined },
    ]);
  });

  test('version and status alone are not a change of content', () => {
    expect(diffKpis(baseKpi(), { ...baseKpi(), version: 9, status: 'retired' })).toEqual([]);
  });
});

describe('checkPublishedVersions', () => {
  test('a published version edited in place is refused with the field and the version to publish', () => {
    const edited = { ...baseKpi(), indicator: { type: 'ratio' as const, good: 'good2', total: 'total' } };
    expect(checkPublishedVersions(catalogOf(baseKpi()), catalogOf(edited))).toEqual([
      {
        path: 'kpis[0] (checkout-availability).version',
        message: 'published version 3 was changed (indicator.good); publish the change as version 4',
      },
    ]);
  });

  test('a version that goes back is refused', () => {
    expect(checkPublishedVersions(catalogOf(baseKpi()), catalogOf({ ...baseKpi(), version: 2 }))[0].message).toBe(
      'went back from 3 to 2'
    );
  });

  test.each([
    ['the next version with changes', { version: 4, name: 'Renamed' }],
    ['retiring a published version', { status: 'retired' as const }],
    ['an unchanged catalog', {}],
  ])('%s passes', (_name, change) => {
    expect(checkPublishedVersions(catalogOf(baseKpi()), catalogOf({ ...baseKpi(), ...change }))).toEqual([]);
  });

  test('a draft may change in place', () => {
    const draft = { ...baseKpi(), status: 'draft' as const };
    expect(checkPublishedVersions(catalogOf(draft), catalogOf({ ...draft, name: 'Better name' }))).toEqual([]);
  });
});

describe('drafts, publishing and revisions', () => {
  const empty: CatalogState = { catalog: catalogOf(), history: {}, revision: 'r7' };

  test('draft → publish → edit → publish keeps both versions, each immutable', () => {
    let state = saveDraft(empty, { ...baseKpi(), version: 1, status: 'draft' }, 'r7');
    expect(state.catalog.kpis[0]).toMatchObject({ version: 1, status: 'draft' });
    state = publishDraft(state, 'checkout-availability', 'r7');
    state = saveDraft(
      state,
      { ...(state.catalog.kpis[0] as KpiDefinition), objective: { target: 0.995, window: '28d' } },
      'r7'
    );
    expect(state.catalog.kpis[0]).toMatchObject({ version: 2, status: 'draft' });
    expect(state.history['checkout-availability'].map((k) => k.objective.target)).toEqual([0.999]);
    state = publishDraft(state, 'checkout-availability', 'r7');
    expect(state.history['checkout-availability'].map((k) => [k.version, k.objective.target])).toEqual([
      [1, 0.999],
      [2, 0.995],
    ]);
    // The store, not the edit, stamps the next revision when it writes.
    expect(state.revision).toBe('r7');
  });

  test('a save based on an old revision is a conflict, never a silent overwrite', () => {
    const theirs = { ...saveDraft(empty, { ...baseKpi(), status: 'draft' }, 'r7'), revision: 'r8' };
    expect(() => saveDraft(theirs, { ...baseKpi(), name: 'Mine', status: 'draft' }, 'r7')).toThrow(
      RevisionConflictError
    );
    expect(theirs.catalog.kpis[0].name).toBe('Checkout availability');
  });

  test('a catalog without history (provisioned, hand-written) still publishes an edit of v5 as v6', () => {
    const handWritten: CatalogState = { catalog: catalogOf({ ...baseKpi(), version: 5 }), history: {}, revision: 'r2' };
    const edited = saveDraft(handWritten, { ...baseKpi(), version: 5, name: 'Checkout success' }, 'r2');
    expect(edited.catalog.kpis[0]).toMatchObject({ version: 6, status: 'draft', name: 'Checkout success' });
    expect(nextVersionOf(edited, 'checkout-availability')).toBe(6);
    expect(nextVersionOf(handWritten, 'a-new-kpi')).toBe(1);
  });

  test('the conflict keeps both revisions and says what happened in the user’s words', () => {
    expect(() => assertRevision('r3', 'r5')).toThrow('The catalog was changed by someone else since you loaded it.');
    expect(new RevisionConflictError('r3', 'r5')).toMatchObject({ expectedRevision: 'r3', actualRevision: 'r5' });
  });

  test('publishing without a draft and retiring an unknown KPI are refused', () => {
    expect(() => publishDraft(empty, 'nope', 'r7')).toThrow('KPI nope has no draft to publish');
    expect(() => retireKpi(empty, 'nope', 'r7')).toThrow('KPI nope is not in the catalog');
  });

  test('retiring keeps the KPI and its history', () => {
    let state = publishDraft(saveDraft(empty, { ...baseKpi(), status: 'draft' }, 'r7'), 'checkout-availability', 'r7');
    state = retireKpi(state, 'checkout-availability', 'r7');
    expect(state.catalog.kpis[0].status).toBe('retired');
    expect(state.history['checkout-availability']).toHaveLength(1);
  });
});

describe('importing a catalog', () => {
  const v3 = baseKpi();
  const other: KpiDefinition = { ...baseKpi(), id: 'login-success', name: 'Login success' };

  test('says which KPIs are added, changed (with the fields) and removed', () => {
    const next: KpiDefinition = { ...v3, version: 4, objective: { target: 0.995, window: '28d' } };
    const fresh: KpiDefinition = { ...baseKpi(), id: 'search-latency', name: 'Search latency' };
    expect(diffCatalogs(catalogOf(v3, other), catalogOf(next, fresh))).toEqual({
      added: ['search-latency'],
      changed: [{ id: 'checkout-availability', fields: ['version', 'objective.target'] }],
      removed: ['login-success'],
      unchanged: 0,
    });
    expect(diffCatalogs(catalogOf(v3), catalogOf(v3))).toEqual({ added: [], changed: [], removed: [], unchanged: 1 });
  });

  test('published versions join the history once; drafts do not', () => {
    const state: CatalogState = { catalog: catalogOf(v3), history: { [v3.id]: [v3] }, revision: 'r4' };
    const v4: KpiDefinition = { ...v3, version: 4, name: 'Checkout success' };
    const draft: KpiDefinition = { ...other, status: 'draft' };
    const imported = importCatalog(state, catalogOf(v4, draft));
    expect(imported.history[v3.id].map((kpi) => kpi.version)).toEqual([3, 4]);
    expect(imported.history[other.id]).toBeUndefined();
    expect(importCatalog(imported, catalogOf(v4)).history[v3.id]).toHaveLength(2);
  });
});
