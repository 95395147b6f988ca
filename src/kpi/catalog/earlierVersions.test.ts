import type { Catalog, CatalogKpi } from '../model';
import { checkoutConversionKpi } from '../../testing/valueKpis';
import { earlierVersionProblems, publishedHistory } from './earlierVersions';

const conversion = (version: number, target: number, status: CatalogKpi['status'] = 'published') =>
  checkoutConversionKpi({ target }, { version, status });

/** The catalog as it stands: conversion at v3 (target 3 %) and a draft nobody published yet. */
const catalog: Catalog = {
  apiVersion: 'northstar.dev/v1',
  kind: 'KpiCatalog',
  kpis: [conversion(3, 0.03), checkoutConversionKpi({}, { id: 'draft-only', version: 1, status: 'draft' })],
};

describe('earlier published versions of a catalog', () => {
  test('the history is the earlier versions oldest first, whatever their order, then the current one', () => {
    const history = publishedHistory(catalog, [conversion(2, 0.029), conversion(1, 0.028)]);
    expect(history['checkout-conversion'].map((kpi) => [kpi.version, kpi.objective.target])).toEqual([
      [1, 0.028],
      [2, 0.029],
      [3, 0.03],
    ]);
    // A draft was never published: it has no history, as when the app stores it.
    expect(history['draft-only']).toBeUndefined();
  });

  test('without earlier versions each published KPI starts its history with itself', () => {
    expect(publishedHistory(catalog)['checkout-conversion'].map((kpi) => kpi.version)).toEqual([3]);
  });

  test('consistent earlier versions have no problems', () => {
    expect(earlierVersionProblems(catalog, [conversion(1, 0.028), conversion(2, 0.029)])).toEqual([]);
  });

  test.each([
    [
      'a version of a KPI the catalog does not have',
      checkoutConversionKpi({}, { id: 'gone', version: 1 }),
      { path: 'versions[0] (gone v1).id', message: 'is not a KPI of the catalog' },
    ],
    [
      'a draft',
      conversion(2, 0.029, 'draft'),
      { path: 'versions[0] (checkout-conversion v2).status', message: expect.stringContaining('must be published') },
    ],
    [
      'the catalog’s own version',
      conversion(3, 0.029),
      { path: 'versions[0] (checkout-conversion v3).version', message: "must be below the catalog's version 3" },
    ],
    [
      'a version past the catalog’s',
      conversion(4, 0.029),
      { path: 'versions[0] (checkout-conversion v4).version', message: "must be below the catalog's version 3" },
    ],
  ])('%s is refused, naming the version and the field', (_, version, problem) => {
    expect(earlierVersionProblems(catalog, [version])).toEqual([problem]);
  });

  test('the same version twice is refused at its second place', () => {
    expect(earlierVersionProblems(catalog, [conversion(1, 0.028), conversion(1, 0.027)])).toEqual([
      { path: 'versions[1] (checkout-conversion v1).version', message: 'is given twice' },
    ]);
  });
});
