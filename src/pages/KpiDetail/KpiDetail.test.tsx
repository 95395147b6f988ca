import React from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { render, screen, waitFor, within } from '@testing-library/react';
import { OrgRole } from '@grafana/data';
import { testIds } from '../../components/testIds';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { paymentSuccessSqlKpi, weeklyOrdersSqlKpi } from '../../testing/shopSqlKpis';
import { instantAnswers, setUpPages, type DsQueryFetch } from '../../testing/pageEnvironment';
import KpiDetail from './KpiDetail';

/** /api/ds/query: every query answers a 0.05 % error ratio. */
const mockFetch = jest.fn((request: DsQueryFetch) => instantAnswers(request, () => 0.0005));
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

const published = checkoutKpi({ description: 'Checkout requests <b>without</b> a 5xx.' });
const sqlSlo = paymentSuccessSqlKpi();
const valueKpi = weeklyOrdersSqlKpi();
const draft = checkoutKpi({ id: 'login-success', name: 'Login success', version: 1, status: 'draft' });

function renderDetail(id: string, role = OrgRole.Admin) {
  setUpPages({
    role,
    jsonData: {
      catalog: {
        apiVersion: 'northstar.dev/v1',
        kind: 'KpiCatalog',
        kpis: [published, draft, { id: 'broken' }, sqlSlo, valueKpi],
      },
      revision: 1,
    },
  });
  return render(
    <MemoryRouter initialEntries={[`/kpi/${id}`]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route path="kpi/:id" element={<KpiDetail />} />
      </Routes>
    </MemoryRouter>
  );
}

describe('the KPI page', () => {
  beforeEach(() => mockFetch.mockClear());

  test('shows a published KPI: its description as text, owner, version, dashboards and the create buttons', async () => {
    renderDetail('checkout-availability');

    expect(await screen.findByText('checkout-availability · version 3 · published')).toBeInTheDocument();
    const definition = screen.getByRole('region', { name: 'Definition' });
    expect(within(definition).getByText('Checkout requests <b>without</b> a 5xx.')).toBeInTheDocument();
    expect(within(definition).getByText('team-payments')).toBeInTheDocument();
    expect(document.querySelector('b')).toBeNull();
    const dashboards = screen.getByRole('region', { name: 'Dashboards and alerts' });
    for (const title of ['Executive', 'On-call', 'Debug', 'On-call, every KPI']) {
      expect(within(dashboards).getByText(title)).toBeInTheDocument();
    }
    expect(within(dashboards).getByText('On-call, every KPI').closest('a')).toHaveAttribute(
      'href',
      expect.stringContaining('?var-kpi=checkout-availability')
    );
    expect(screen.getByTestId(testIds.createDashboards.button)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.createAlertRules.container)).toBeInTheDocument();
    // A published KPI is evaluated live, unlike a draft (below).
    await waitFor(() => expect(mockFetch).toHaveBeenCalled());
  });

  test('a SQL SLO links to its executive and on-call dashboards only: it has no debug one, nor a place in the every-KPI view', async () => {
    renderDetail('payment-success');

    expect(await screen.findByText('payment-success · version 1 · published')).toBeInTheDocument();
    const dashboards = screen.getByRole('region', { name: 'Dashboards and alerts' });
    const links = within(dashboards)
      .getAllByRole('link')
      .map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).toEqual([
      ['Executive', '/d/nsk-payment-success-executive'],
      ['On-call', '/d/nsk-payment-success-oncall'],
    ]);
  });

  test('a value KPI links to its executive view, the one dashboard it has, and an Admin can create it and its ticket rule', async () => {
    renderDetail(valueKpi.id);

    expect(await screen.findByText(`${valueKpi.id} · version ${valueKpi.version} · published`)).toBeInTheDocument();
    const dashboards = screen.getByRole('region', { name: 'Dashboards and alerts' });
    const links = within(dashboards)
      .getAllByRole('link')
      .map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).toEqual([['Executive', `/d/nsk-${valueKpi.id}-executive`]]);
    expect(screen.getByTestId(testIds.createDashboards.button)).toBeInTheDocument();
    expect(screen.getByTestId(testIds.createAlertRules.container)).toBeInTheDocument();
  });

  test('the create buttons sit side by side, left to right, with the value KPI’s note below them, not between', async () => {
    renderDetail(valueKpi.id);

    const actions = await screen.findByRole('group', { name: 'Create from this KPI' });
    expect(within(actions).getAllByRole('button').map((button) => button.textContent)).toEqual([
      'Create dashboards',
      'Create alert rules',
    ]);
    const note = screen.getByTestId(testIds.createDashboards.valueNote);
    expect(actions).not.toContainElement(note);
    expect(actions.compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  test('a viewer sees the KPI without the create buttons', async () => {
    renderDetail('checkout-availability', OrgRole.Viewer);

    expect(await screen.findByText('checkout-availability · version 3 · published')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Dashboards and alerts' })).toHaveTextContent('On-call, every KPI');
    // The create actions are for Org Admins alone: a viewer has no button to press, so nothing can be sent.
    expect(screen.queryByRole('group', { name: 'Create from this KPI' })).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.createDashboards.button)).not.toBeInTheDocument();
    expect(screen.queryByTestId(testIds.createAlertRules.container)).not.toBeInTheDocument();
  });

  test('a draft is not evaluated: no query is sent and the page says why', async () => {
    renderDetail('login-success');

    expect(await screen.findByText('This KPI is a draft')).toBeInTheDocument();
    expect(screen.getByText(/Drafts are not evaluated or alerted on/)).toBeInTheDocument();
    expect(mockFetch).not.toHaveBeenCalled();
  });

  test('an unknown id says so and links back to the catalog', async () => {
    renderDetail('no-such-kpi');

    expect(await screen.findByText('No KPI "no-such-kpi" in the catalog')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.kpiDetail.backToCatalog)).toHaveAttribute(
      'href',
      expect.stringContaining('/a/northstar-kpi-app')
    );
  });

  test('an id whose stored entry is invalid names its problems instead of the page', async () => {
    renderDetail('broken');

    expect(await screen.findByTestId(testIds.catalog.broken)).toHaveTextContent(/kpis\[2\] \(broken\)/);
    expect(screen.getByText('No KPI "broken" in the catalog')).toBeInTheDocument();
  });
});
