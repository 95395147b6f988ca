import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { AppRootProps, PluginType } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import { testIds } from '../testIds';
import { setUpPages } from '../../testing/pageEnvironment';
import App from './App';

// An empty catalog in memory, read as an org Admin.
beforeEach(() => setUpPages());

const props = {
  basename: '/a/northstar-kpi-app',
  meta: { id: 'northstar-kpi-app', name: 'Northstar KPI', type: PluginType.app, enabled: true, jsonData: {} },
  query: {},
  path: '',
  onNavChanged: jest.fn(),
} as unknown as AppRootProps;

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <React.Suspense fallback="loading">
        <App {...props} />
      </React.Suspense>
    </MemoryRouter>
  );
}

describe('Components/App', () => {
  test.each([
    ['/', testIds.catalog.container],
    ['/catalog', testIds.catalog.container],
    ['/an-unknown-page', testIds.catalog.container],
    ['/kpi/checkout-availability', testIds.kpiDetail.container],
    ['/edit', testIds.kpiEditor.container],
    ['/edit/checkout-availability', testIds.kpiEditor.container],
  ])(
    'the path %s shows %s',
    async (path, testId) => {
      renderAt(path);
      // Pages are lazy chunks; the first import of @grafana/ui in a test run takes a few seconds.
      expect(await screen.findByTestId(testId, {}, { timeout: 10000 })).toBeInTheDocument();
    },
    15000
  );

  test('an empty catalog says how to add or provision KPIs, and offers the editor to an Admin', async () => {
    renderAt('/catalog');
    expect(await screen.findByText(/no kpis yet/i)).toBeInTheDocument();
    expect(screen.getByText(/provisioning\/plugins\/app\.yaml/)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.catalog.addFirstKpi)).toHaveAttribute('href', '/a/northstar-kpi-app/edit');
  });

  test('the detail page of an unknown KPI says so and leads back to the catalog', async () => {
    renderAt('/kpi/checkout-availability');
    expect(await screen.findByText('No KPI "checkout-availability" in the catalog')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.kpiDetail.backToCatalog)).toHaveAttribute('href', '/a/northstar-kpi-app/catalog');
  });

  test('the editor opens an empty form for a new KPI and refuses to edit one that does not exist', async () => {
    renderAt('/edit');
    expect(await screen.findByTestId(testIds.kpiEditor.form)).toBeInTheDocument();
    renderAt('/edit/checkout-availability');
    expect(await screen.findByText('No KPI "checkout-availability" in the catalog')).toBeInTheDocument();
  });
});
