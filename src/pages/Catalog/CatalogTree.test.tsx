import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import { testIds } from '../../components/testIds';
import type { KpiDefinition } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { instantAnswers, setUpPages, type DsQueryFetch } from '../../testing/pageEnvironment';
import Catalog from './Catalog';

/** /api/ds/query: the `search` KPI burns (a 5 % error ratio against a 99.9 % target), every other one is healthy. */
const mockFetch = jest.fn((request: DsQueryFetch) =>
  instantAnswers(request, (query) => (query.expr.includes('search_') ? 0.05 : 0.0005))
);
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

function kpi(id: string, drivenBy?: string[]): KpiDefinition {
  return checkoutKpi({
    id,
    name: `${id} name`,
    indicator: { good: `sum(rate(${id}_ok[5m]))`, total: `sum(rate(${id}_all[5m]))` },
    objective: { target: 0.999 },
    ...(drivenBy ? { drivenBy } : {}),
  });
}

const catalogOf = (kpis: KpiDefinition[]) => ({
  jsonData: { catalog: { apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis }, revision: 1 },
});

function renderCatalog(url: string) {
  locationService.push(url);
  return render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Catalog />
    </MemoryRouter>
  );
}

const nodeIds = () => screen.getAllByTestId(testIds.kpiTree.node).map((node) => node.getAttribute('data-kpi-id'));

describe('the catalog’s tree view', () => {
  beforeEach(() => mockFetch.mockClear());

  test('?view=tree shows each goal over its drivers with the list’s statuses, in one request, and KPIs outside after', async () => {
    setUpPages(catalogOf([kpi('conversion', ['search', 'payments']), kpi('search'), kpi('payments'), kpi('login')]));
    renderCatalog('/a/northstar-kpi-app/catalog?view=tree');

    const tree = await screen.findByRole('tree');
    expect(nodeIds()).toEqual(['conversion', 'search', 'payments']);
    const levels = screen.getAllByTestId(testIds.kpiTree.node).map((node) => node.getAttribute('aria-level'));
    expect(levels).toEqual(['1', '2', '2']);
    const search = within(tree).getByRole('treeitem', { name: 'search name' });
    await waitFor(() => expect(within(search).getByTestId(testIds.kpiTree.status)).toHaveAttribute('data-state', 'page'));
    const payments = within(tree).getByRole('treeitem', { name: 'payments name' });
    expect(within(payments).getByTestId(testIds.kpiTree.status)).toHaveAttribute('data-state', 'ok');
    // 0.05 % bad against 0.1 % allowed: half the budget left.
    expect(payments).toHaveTextContent('50% budget left');
    expect(within(screen.getByTestId(testIds.kpiTree.outside)).getByText('login name')).toBeInTheDocument();
    // Every KPI of the one data source in one request: the tree reuses the list's refresh.
    expect(mockFetch).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId(testIds.catalog.search)).not.toBeInTheDocument();
  });

  test('the arrow keys walk the tree and close and open a goal; Enter opens the KPI’s page', async () => {
    setUpPages(catalogOf([kpi('conversion', ['search', 'payments']), kpi('search'), kpi('payments')]));
    renderCatalog('/a/northstar-kpi-app/catalog?view=tree');

    const goal = await screen.findByRole('treeitem', { name: 'conversion name' });
    expect(goal).toHaveAttribute('tabindex', '0');
    expect(goal).toHaveAttribute('aria-expanded', 'true');
    act(() => goal.focus());
    fireEvent.keyDown(goal, { key: 'ArrowDown' });
    const search = screen.getByRole('treeitem', { name: 'search name' });
    expect(search).toHaveFocus();
    expect(search).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(search, { key: 'ArrowLeft' });
    expect(goal).toHaveFocus();
    fireEvent.keyDown(goal, { key: 'ArrowLeft' });
    expect(goal).toHaveAttribute('aria-expanded', 'false');
    expect(nodeIds()).toEqual(['conversion']);
    fireEvent.keyDown(goal, { key: 'ArrowRight' });
    expect(nodeIds()).toEqual(['conversion', 'search', 'payments']);
    fireEvent.keyDown(goal, { key: 'Enter' });
    expect(locationService.getLocation().pathname).toBe('/a/northstar-kpi-app/kpi/conversion');
  });

  test('the view switch keeps the choice in the URL; without drivenBy the tree explains itself', async () => {
    setUpPages(catalogOf([kpi('payments'), kpi('login')]));
    renderCatalog('/a/northstar-kpi-app/catalog');

    await screen.findByTestId(testIds.catalog.table);
    fireEvent.click(screen.getByRole('radio', { name: /Tree/ }));
    expect(new URLSearchParams(locationService.getLocation().search).get('view')).toBe('tree');
    expect(await screen.findByTestId(testIds.kpiTree.empty)).toHaveTextContent('No KPI tree yet');
    fireEvent.click(screen.getByRole('radio', { name: /List/ }));
    expect(new URLSearchParams(locationService.getLocation().search).get('view')).toBeNull();
    expect(screen.getByTestId(testIds.catalog.table)).toBeInTheDocument();
  });
});
