import React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createKpiDashboards, type DashboardResult } from '../../data/dashboardsApi';
import type { KpiDefinition } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { conversionKpi } from '../../testing/valueKpis';
import { CreateDashboardsButton } from './CreateDashboardsButton';
import { testIds } from '../../components/testIds';

jest.mock('../../data/dashboardsApi', () => ({
  createKpiDashboards: jest.fn(),
  findLokiDataSource: () => undefined,
}));
const mockCreate = createKpiDashboards as jest.MockedFunction<typeof createKpiDashboards>;

const kpi: KpiDefinition = checkoutKpi();

const catalog = [kpi, { ...kpi, id: 'login-success', name: 'Login success' }];

function result(kind: DashboardResult['kind'], outcome: DashboardResult['outcome'], message?: string): DashboardResult {
  const uid = `nsk-checkout-availability-${kind}`;
  return { kind, uid, title: `Checkout availability: ${kind}`, url: `/d/${uid}/slug`, outcome, message };
}

const button = () => screen.getByTestId(testIds.createDashboards.button);

beforeEach(() => mockCreate.mockReset());

describe('CreateDashboardsButton', () => {
  test('creates the dashboards and links each one with what happened to it', async () => {
    mockCreate.mockResolvedValue([
      result('executive', 'created'),
      result('oncall', 'unchanged'),
      result('debug', 'updated'),
    ]);
    render(<CreateDashboardsButton kpi={kpi} catalogKpis={catalog} canEdit />);
    fireEvent.click(button());
    expect(button()).toHaveTextContent('Creating dashboards…');
    const list = await screen.findByTestId(testIds.createDashboards.results);
    expect(mockCreate).toHaveBeenCalledWith(kpi, { loki: undefined, onConflict: {}, catalogKpis: catalog });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Executive: Checkout availability: executive (created)',
      'On-call: Checkout availability: oncall (already up to date)',
      'Debug: Checkout availability: debug (updated)',
    ]);
    expect(within(items[1]).getByRole('link')).toHaveAttribute('href', '/d/nsk-checkout-availability-oncall/slug');
    expect(button()).toBeEnabled();
  });

  test('for a value KPI it says that only the executive view is made, and an SLO gets no such note', () => {
    const { unmount } = render(<CreateDashboardsButton kpi={conversionKpi()} catalogKpis={catalog} canEdit />);
    expect(screen.getByTestId(testIds.createDashboards.valueNote)).toHaveTextContent(
      'A value KPI gets its executive view'
    );
    unmount();
    render(<CreateDashboardsButton kpi={kpi} catalogKpis={catalog} canEdit />);
    expect(screen.queryByTestId(testIds.createDashboards.valueNote)).toBeNull();
  });

  test('without edit rights the button is off and nothing is sent', () => {
    render(<CreateDashboardsButton kpi={kpi} catalogKpis={catalog} canEdit={false} />);
    // Grafana's Button stays focusable for its tooltip: disabled by aria-disabled.
    expect(button()).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(button());
    expect(mockCreate).not.toHaveBeenCalled();
  });

  test('a failure is explained in an error alert', async () => {
    mockCreate.mockRejectedValue(new Error('POST /api/folders: Access denied'));
    render(<CreateDashboardsButton kpi={kpi} catalogKpis={catalog} canEdit />);
    fireEvent.click(button());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The dashboards could not be created');
    expect(alert).toHaveTextContent('POST /api/folders: Access denied');
  });

  test('a conflict is explained and can be saved as a copy, for the conflicting dashboard only', async () => {
    const message = '"Checkout availability: oncall" was edited in Grafana after Northstar generated it.';
    mockCreate.mockResolvedValueOnce([result('executive', 'unchanged'), result('oncall', 'conflict', message)]);
    mockCreate.mockResolvedValueOnce([result('executive', 'unchanged'), result('oncall', 'created')]);
    render(<CreateDashboardsButton kpi={kpi} catalogKpis={catalog} canEdit />);
    fireEvent.click(button());
    expect(await screen.findByText(message)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save as copy' }));
    await waitFor(() => expect(mockCreate).toHaveBeenCalledTimes(2));
    expect(mockCreate.mock.calls[1][1]).toEqual({
      loki: undefined,
      onConflict: { 'nsk-checkout-availability-oncall': 'copy' },
      catalogKpis: catalog,
    });
    await waitFor(() => expect(screen.queryByText(message)).not.toBeInTheDocument());
  });

  test('overwrite asks for confirmation first', async () => {
    mockCreate.mockResolvedValue([result('debug', 'conflict', 'edited')]);
    render(<CreateDashboardsButton kpi={kpi} catalogKpis={catalog} canEdit />);
    fireEvent.click(button());
    fireEvent.click(await screen.findByRole('button', { name: 'Overwrite' }));
    expect(mockCreate).toHaveBeenCalledTimes(1);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('"Checkout availability: debug" will be lost');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Overwrite' }));
    await waitFor(() => expect(mockCreate).toHaveBeenCalledTimes(2));
    expect(mockCreate.mock.calls[1][1]).toEqual({
      loki: undefined,
      onConflict: { 'nsk-checkout-availability-debug': 'overwrite' },
      catalogKpis: catalog,
    });
  });
});
