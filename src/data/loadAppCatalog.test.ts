import { of, throwError } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';
import type { KpiDefinition } from '../kpi/model';
import { checkoutKpi } from '../testing/checkoutKpi';
import { CATALOG_MAX_AGE_MS, forgetAppCatalog, loadAppCatalog, readCatalog } from './loadAppCatalog';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: jest.fn(),
}));

function kpi(id: string, target = 0.999): KpiDefinition {
  return checkoutKpi({ id, name: `KPI ${id}`, objective: { target } });
}

const catalogOf = (kpis: unknown[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

describe('readCatalog', () => {
  test('a valid catalog gives all its KPIs', () => {
    expect(readCatalog({ catalog: catalogOf([kpi('a'), kpi('b')]) })).toEqual({
      kpis: [kpi('a'), kpi('b')],
      problems: [],
    });
  });

  test.each([
    ['no jsonData (never saved)', null],
    ['jsonData without a catalog', { defaultDatasourceUid: 'x' }],
  ])('%s is an empty catalog', (_name, jsonData) => {
    expect(readCatalog(jsonData)).toEqual({ kpis: [], problems: [] });
  });

  test('a broken KPI is left out and named; the valid ones stay', () => {
    const result = readCatalog({ catalog: catalogOf([kpi('a'), kpi('b', 1.5)]) });
    expect(result.kpis.map((k) => k.id)).toEqual(['a']);
    expect(result.problems).toEqual(['kpis[1] (b).objective.target: must be between 0 and 1 (exclusive)']);
  });

  test('a duplicated id is a problem of the second entry', () => {
    const result = readCatalog({ catalog: catalogOf([kpi('a'), kpi('a')]) });
    expect(result.kpis).toHaveLength(1);
    expect(result.problems).toEqual(['kpis[1] (a).id: duplicate id']);
  });
});

describe('loadAppCatalog', () => {
  const fetchMock = jest.fn();

  beforeEach(() => {
    forgetAppCatalog();
    fetchMock.mockReset();
    jest.mocked(getBackendSrv).mockReturnValue({ fetch: fetchMock } as unknown as ReturnType<typeof getBackendSrv>);
  });

  test('reads the app settings once for every panel within the cache age', async () => {
    fetchMock.mockReturnValue(of({ data: { jsonData: { catalog: catalogOf([kpi('a')]) } } }));
    const [first, second] = await Promise.all([loadAppCatalog(1000), loadAppCatalog(2000)]);

    expect(first.kpis.map((k) => k.id)).toEqual(['a']);
    expect(second).toBe(first);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/api/plugins/northstar-kpi-app/settings', method: 'GET', showErrorAlert: false })
    );

    await loadAppCatalog(1000 + CATALOG_MAX_AGE_MS);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  test('an HTTP error becomes a sentence with the status, and is not cached', async () => {
    fetchMock.mockReturnValueOnce(throwError(() => ({ status: 403, data: { message: 'Access Denied' }, config: {} })));
    await expect(loadAppCatalog(0)).rejects.toThrow('Could not read the KPI catalog: HTTP 403 Access Denied');

    fetchMock.mockReturnValueOnce(of({ data: { jsonData: {} } }));
    await expect(loadAppCatalog(1)).resolves.toEqual({ kpis: [], problems: [] });
  });
});
