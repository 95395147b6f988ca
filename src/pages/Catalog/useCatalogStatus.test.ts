import { act, renderHook } from '@testing-library/react';
import { refreshCatalog, type CatalogRowResult } from '../../data/catalogQuery';
import type { CatalogKpi } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { useCatalogStatus } from './useCatalogStatus';

jest.mock('../../data/catalogQuery', () => ({ refreshCatalog: jest.fn() }));
const mockRefresh = jest.mocked(refreshCatalog);

/** Each asked KPI answers an error row naming the tick it was asked in, so a test sees which answer is shown. */
function answerWith(label: string) {
  mockRefresh.mockImplementation(async (kpis) =>
    kpis.map((kpi): CatalogRowResult => ({ kpiId: kpi.id, error: `${label} ${kpi.id}` }))
  );
}

const [payments, search, login] = ['payments', 'search', 'login'].map((id) => checkoutKpi({ id }));

function askedIds(call: number): string[] {
  return mockRefresh.mock.calls[call][0].map((kpi) => kpi.id);
}

async function settle() {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(1_000);
  });
}

describe('useCatalogStatus', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    mockRefresh.mockReset();
    answerWith('first');
  });
  afterEach(() => jest.useRealTimers());

  test('narrowing the visible KPIs asks for nothing; widening asks only for the KPIs that appear', async () => {
    const all = [payments, search, login];
    const { result, rerender } = renderHook(({ kpis, tick }) => useCatalogStatus(kpis, tick, all), {
      initialProps: { kpis: all as readonly CatalogKpi[], tick: 0 },
    });
    await settle();
    expect(mockRefresh).toHaveBeenCalledTimes(1);
    expect(askedIds(0)).toEqual(['payments', 'search', 'login']);

    rerender({ kpis: [payments], tick: 0 });
    await settle();
    rerender({ kpis: [payments, search], tick: 0 });
    await settle();
    expect(mockRefresh).toHaveBeenCalledTimes(1);
    expect(result.current.results.get('search')?.error).toBe('first search');

    const renamed = { ...search, version: search.version + 1 };
    rerender({ kpis: [payments, renamed], tick: 0 });
    await settle();
    expect(mockRefresh).toHaveBeenCalledTimes(2);
    expect(askedIds(1)).toEqual(['search']);
    expect(result.current.loading).toBe(false);
  });

  test('a tick asks again for every visible KPI, and its answers replace the earlier ones', async () => {
    const { result, rerender } = renderHook(({ kpis, tick }) => useCatalogStatus(kpis, tick), {
      initialProps: { kpis: [payments, search] as readonly CatalogKpi[], tick: 0 },
    });
    await settle();
    answerWith('second');
    rerender({ kpis: [payments, search], tick: 1 });
    await settle();

    expect(mockRefresh).toHaveBeenCalledTimes(2);
    expect(askedIds(1)).toEqual(['payments', 'search']);
    expect(result.current.results.get('payments')?.error).toBe('second payments');
  });

  test('an answer of an earlier tick that arrives after a newer tick began is dropped', async () => {
    let answerFirst: (rows: CatalogRowResult[]) => void = () => undefined;
    mockRefresh.mockImplementationOnce(() => new Promise((resolve) => (answerFirst = resolve)));
    const { result, rerender } = renderHook(({ tick }) => useCatalogStatus([payments], tick), {
      initialProps: { tick: 0 },
    });
    await settle();
    expect(result.current.loading).toBe(true);

    answerWith('second');
    rerender({ tick: 1 });
    await settle();
    await act(async () => answerFirst([{ kpiId: 'payments', error: 'stale payments' }]));

    expect(result.current.results.get('payments')?.error).toBe('second payments');
    expect(result.current.loading).toBe(false);
  });
});
