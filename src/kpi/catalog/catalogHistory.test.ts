import { checkAgainstHistory, saveNewDraft, takenIdProblem } from './catalogHistory';
import { CatalogEditError, importCatalog, type CatalogState } from './catalog';
import type { Catalog, KpiDefinition } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';

const catalogOf = (...kpis: KpiDefinition[]): Catalog => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

/** checkout-availability published at v3, its v1..v3 in the history. */
function publishedV3(): CatalogState {
  const versions = [1, 2, 3].map((version) => checkoutKpi({ version, name: `Checkout v${version}` }));
  return { catalog: catalogOf(versions[2]), history: { 'checkout-availability': versions }, revision: 'r1' };
}

const other = checkoutKpi({ id: 'login-success', name: 'Login success', version: 1 });

describe('a new KPI never takes an id in use', () => {
  test.each([
    ['a KPI of the catalog', publishedV3()],
    ['a KPI only the history remembers', { ...publishedV3(), catalog: catalogOf() }],
  ])('the id of %s is refused, and nothing is replaced', (_name, state) => {
    const draft = checkoutKpi({ status: 'draft', version: 1, name: 'Unrelated' });
    expect(() => saveNewDraft(state, draft, state.revision)).toThrow(
      new CatalogEditError(
        'kpis (checkout-availability).id: already used by a KPI of the catalog or its history; ids are never reused'
      )
    );
  });

  test('a fresh id is saved as a draft at version 1', () => {
    const state = publishedV3();
    const saved = saveNewDraft(state, { ...other, status: 'published', version: 7 }, state.revision);
    expect(saved.catalog.kpis.map((kpi) => [kpi.id, kpi.version, kpi.status])).toEqual([
      ['checkout-availability', 3, 'published'],
      ['login-success', 1, 'draft'],
    ]);
  });

  test('the form’s check names the id field, and passes a fresh id', () => {
    expect(takenIdProblem(publishedV3(), 'checkout-availability')).toEqual({
      path: 'id',
      message: 'already used by a KPI of the catalog or its history; ids are never reused',
    });
    expect(takenIdProblem(publishedV3(), 'login-success')).toBeUndefined();
    expect(takenIdProblem(publishedV3(), 'typo-kpi', ['typo-kpi'])).toBeDefined();
  });
});

describe('checkAgainstHistory', () => {
  test('a published v3 imported back as a draft at v3 is refused', () => {
    const draftV3 = checkoutKpi({ version: 3, status: 'draft', name: 'Checkout v3' });
    expect(checkAgainstHistory(publishedV3(), catalogOf(draftV3))).toEqual([
      {
        path: 'kpis[0] (checkout-availability).version',
        message: 'a draft must be at least version 4: version 3 is published',
      },
    ]);
  });

  test('a KPI removed and re-added at v1 is refused, even though the catalog no longer has it', () => {
    const removed = { ...publishedV3(), catalog: catalogOf(other) };
    const readded = checkoutKpi({ version: 1, name: 'Checkout again' });
    expect(checkAgainstHistory(removed, catalogOf(other, readded))).toEqual([
      {
        path: 'kpis[1] (checkout-availability).version',
        message:
          'version 1 is already published with other content (name); the history holds up to version 3, so publish this as version 4',
      },
    ]);
    const readdedAsDraft = checkoutKpi({ version: 1, status: 'draft' });
    expect(checkAgainstHistory(removed, catalogOf(readdedAsDraft))[0].message).toBe(
      'a draft must be at least version 4: version 3 is published'
    );
  });

  test('a published version older than the history’s newest, not in the history, is refused', () => {
    const gap: CatalogState = { ...publishedV3(), history: { 'checkout-availability': [checkoutKpi({ version: 3 })] } };
    expect(checkAgainstHistory(gap, catalogOf(checkoutKpi({ version: 2 })))[0].message).toBe(
      'version 2 is older than version 3 in the history; publish this as version 4'
    );
  });

  test.each([
    ['the same catalog again', catalogOf(checkoutKpi({ version: 3, name: 'Checkout v3' }))],
    ['an older version exactly as the history has it', catalogOf(checkoutKpi({ version: 2, name: 'Checkout v2' }))],
    ['the next version', catalogOf(checkoutKpi({ version: 4, name: 'Checkout v4' }))],
    ['a draft of the next version', catalogOf(checkoutKpi({ version: 4, status: 'draft' }))],
    ['retiring the newest version', catalogOf(checkoutKpi({ version: 3, status: 'retired', name: 'Checkout v3' }))],
    ['a new KPI', catalogOf(other)],
  ])('%s passes', (_name, next) => {
    expect(checkAgainstHistory(publishedV3(), next)).toEqual([]);
  });

  test('a catalog without history (the CLI’s --previous file) is its own history', () => {
    const previous = { catalog: catalogOf(checkoutKpi({ version: 3 })), history: {} };
    expect(checkAgainstHistory(previous, catalogOf(checkoutKpi({ version: 3, status: 'draft' })))).toHaveLength(1);
  });

  test('an import then publishing never puts two different v3 in the history', () => {
    const state = publishedV3();
    const imported = catalogOf(checkoutKpi({ version: 3, status: 'draft', name: 'Different' }));
    expect(checkAgainstHistory(state, imported)).not.toEqual([]);
    // importCatalog itself leaves the history alone for a version it holds: the check above is what refuses.
    expect(importCatalog(state, imported).history['checkout-availability']).toHaveLength(3);
  });
});
