import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import { testIds } from '../../components/testIds';
import type { KpiDefinition } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { instantAnswers, setUpPages, type DsQueryFetch } from '../../testing/pageEnvironment';
import Catalog from './Catalog';

/** /api/ds/query: every query of the `search` KPI fails, every other one answers a 0.05 % error ratio. */
const mockFetch = jest.fn((request: DsQueryFetch) =>
  instantAnswers(request, (query) =>
    query.expr.includes('search_') ? { error: 'bad_data: 1:14: parse error: unexpected "}"' } : 0.0005
  )
);
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

function kpi(id: string, owner: string): KpiDefinition {
  return checkoutKpi({
    id,
    name: `${id} name`,
    owner,
    indicator: { good: `sum(rate(${id}_ok[5m]))`, total: `sum(rate(${id}_all[5m]))` },
    objective: { target: 0.999 },
  });
}

const stored = {
  catalog: {
    apiVersion: 'northstar.dev/v1',
    kind: 'KpiCatalog',
    kpis: [
      kpi('payments', 'team-a'),
      kpi('search', 'team-b'),
      { ...kpi('hand-edited', 'team-a'), objective: { target: 1.5, window: '28d' } },
      {
        ...kpi('login', 'team-a'),
        objective: { target: 0.999, window: { calendar: 'quarter', timeZone: 'Europe/Berlin' } },
      },
    ],
  },
  revision: 3,
};

function renderCatalog() {
  return render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Catalog />
    </MemoryRouter>
  );
}

describe('the catalog page', () => {
  beforeEach(() => {
    mockFetch.mockClear();
    locationService.push('/a/northstar-kpi-app/catalog');
  });

  test('a composite whose member is a broken entry is listed as broken with the member named', async () => {
    const composite = {
      ...kpi('journey', 'team-a'),
      datasource: undefined,
      indicator: { type: 'composite', members: [{ kpi: 'hand-edited', weight: 1 }] },
    };
    setUpPages({ jsonData: { ...stored, catalog: { ...stored.catalog, kpis: [...stored.catalog.kpis, composite] } } });
    renderCatalog();

    const broken = await screen.findByTestId(testIds.catalog.broken);
    expect(broken).toHaveTextContent('kpis[2] (hand-edited): objective.target: must be between 0 and 1 (exclusive)');
    expect(broken).toHaveTextContent('kpis[4] (journey): indicator.members[0].kpi');
    await waitFor(() => expect(screen.getAllByTestId(testIds.catalog.row)).toHaveLength(3));
    expect(screen.getAllByTestId(testIds.catalog.row).map((row) => row.getAttribute('data-kpi-id'))).not.toContain(
      'journey'
    );
  });

  test('a broken entry is named with its field; the good KPIs still show, and a failed query marks its row only', async () => {
    setUpPages({ jsonData: stored });
    renderCatalog();

    expect(await screen.findByTestId(testIds.catalog.broken)).toHaveTextContent(
      'kpis[2] (hand-edited): objective.target: must be between 0 and 1 (exclusive)'
    );
    await waitFor(() =>
      expect(screen.getAllByTestId(testIds.catalog.row).map((row) => row.getAttribute('data-state'))).toEqual([
        'error',
        'ok',
        'ok',
      ])
    );
    const failed = screen.getAllByTestId(testIds.catalog.row)[0];
    expect(failed).toHaveAttribute('data-kpi-id', 'search');
    expect(within(failed).getByText('Query failed')).toBeInTheDocument();
    // One request for the three KPIs of the one data source.
    expect(mockFetch).toHaveBeenCalledTimes(1);
  });

  test('filters come from the URL, so a shared link shows the same view; only the visible KPIs are queried', async () => {
    locationService.push('/a/northstar-kpi-app/catalog?owner=team-a&sort=name');
    setUpPages({ jsonData: stored });
    renderCatalog();

    await waitFor(() =>
      expect(screen.getAllByTestId(testIds.catalog.row).map((row) => row.getAttribute('data-kpi-id'))).toEqual([
        'login',
        'payments',
      ])
    );
    await waitFor(() => expect(mockFetch).toHaveBeenCalledTimes(1));
    const exprs = mockFetch.mock.calls[0][0].data.queries.map((query) => query.expr).join('\n');
    expect(exprs).toContain('payments_ok');
    expect(exprs).toContain('login_ok');
    expect(exprs).not.toContain('search_ok');
  });

  test('typing a search filters the rows at once and lands in the URL once the typing pauses, with the sort kept', async () => {
    locationService.push('/a/northstar-kpi-app/catalog?sort=name');
    setUpPages({ jsonData: stored });
    renderCatalog();
    const search = await screen.findByTestId(testIds.catalog.search);

    fireEvent.change(search, { target: { value: 'pay' } });
    fireEvent.change(search, { target: { value: 'pay na' } });

    await waitFor(() =>
      expect(screen.getAllByTestId(testIds.catalog.row).map((row) => row.getAttribute('data-kpi-id'))).toEqual([
        'payments',
      ])
    );
    await waitFor(() => expect(locationService.getSearchObject()).toEqual({ q: 'pay na', sort: 'name' }));
  });

  test('a calendar KPI reads "this quarter" and shows the same period last time; a rolling one does not', async () => {
    setUpPages({ jsonData: stored });
    renderCatalog();

    const login = await screen.findByText('login name');
    const row = login.closest('[role="row"]') as HTMLElement;
    await waitFor(() => expect(row).toHaveAttribute('data-state', 'ok'));
    expect(within(row).getByTestId(testIds.catalog.previousPeriod)).toHaveTextContent(
      'this quarter, last quarter 99.95%'
    );
    const payments = screen.getByText('payments name').closest('[role="row"]') as HTMLElement;
    expect(within(payments).queryByTestId(testIds.catalog.previousPeriod)).not.toBeInTheDocument();
  });
});
