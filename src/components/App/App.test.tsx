import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { AppRootProps, PluginType } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import { testIds } from '../testIds';
import App from './App';

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

  test('the catalog says how to add KPIs instead of showing made-up ones', async () => {
    renderAt('/catalog');
    expect(await screen.findByText(/no kpis to show yet/i)).toBeInTheDocument();
    expect(screen.getByText(/provisioning\/plugins\/app\.yaml/)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.catalog.addKpi)).toHaveAttribute('href', '/a/northstar-kpi-app/edit');
  });

  test('the detail page names the KPI from the URL', async () => {
    renderAt('/kpi/checkout-availability');
    expect(await screen.findByText('KPI "checkout-availability"')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.kpiDetail.backToCatalog)).toHaveAttribute('href', '/a/northstar-kpi-app/catalog');
  });

  test('the editor tells a new KPI from an existing one', async () => {
    renderAt('/edit/checkout-availability');
    expect(await screen.findByText('Edit KPI "checkout-availability"')).toBeInTheDocument();
  });
});
