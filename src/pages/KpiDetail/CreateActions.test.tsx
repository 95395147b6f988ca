import React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Subject, of, throwError, type Observable } from 'rxjs';
import { createKpiDashboards, type DashboardResult } from '../../data/dashboardsApi';
import type { CatalogKpi, KpiDefinition } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { conversionKpi } from '../../testing/valueKpis';
import { CreateActions } from './CreateActions';
import { testIds } from '../../components/testIds';

jest.mock('../../data/dashboardsApi', () => ({
  ...jest.requireActual('../../data/dashboardsApi'),
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

/** The KPI page's create actions, as an Org Admin sees them (the page shows them to no one else). */
const renderActions = (shown: CatalogKpi = kpi, catalogKpis: readonly CatalogKpi[] = catalog) =>
  render(<CreateActions kpi={shown} catalogKpis={catalogKpis} dashboardUrl="/d/nsk-oncall/on-call" />);

const button = () => screen.getByTestId(testIds.createDashboards.button);

beforeEach(() => mockCreate.mockReset());

describe('Create dashboards', () => {
  test('creates the dashboards and links each one with what happened to it', async () => {
    mockCreate.mockResolvedValue([
      result('executive', 'created'),
      result('oncall', 'unchanged'),
      result('debug', 'updated'),
    ]);
    renderActions();
    fireEvent.click(button());
    expect(button()).toHaveTextContent('Creating dashboards…');
    expect(button()).toBeDisabled();
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
    const { unmount } = renderActions(conversionKpi());
    expect(screen.getByTestId(testIds.createDashboards.valueNote)).toHaveTextContent(
      'A value KPI gets its executive view'
    );
    unmount();
    renderActions();
    expect(screen.queryByTestId(testIds.createDashboards.valueNote)).toBeNull();
  });

  test('a failure is explained in an error alert', async () => {
    mockCreate.mockRejectedValue(new Error('POST /api/folders: Access denied'));
    renderActions();
    fireEvent.click(button());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The dashboards could not be created');
    expect(alert).toHaveTextContent('POST /api/folders: Access denied');
  });

  test('a conflict is explained and can be saved as a copy, for the conflicting dashboard only', async () => {
    const message = '"Checkout availability: oncall" was edited in Grafana after Northstar generated it.';
    mockCreate.mockResolvedValueOnce([result('executive', 'unchanged'), result('oncall', 'conflict', message)]);
    mockCreate.mockResolvedValueOnce([result('executive', 'unchanged'), result('oncall', 'created')]);
    renderActions();
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
    renderActions();
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

interface Request {
  url: string;
  method: string;
  data?: unknown;
}

/** Answers like Grafana with a "Northstar KPI" folder in place; `refuseGroup` makes the group write fail. */
let refuseGroup: { status: number; message: string } | undefined;
/** When set, the group write waits for it, so the test can look at the button while the request is under way. */
let groupAnswer: Subject<{ data: unknown }> | undefined;
const requests: string[] = [];

function fakeFetch(request: Request): Observable<{ data: unknown }> {
  requests.push(`${request.method} ${request.url}`);
  if (request.url === '/api/folders') {
    return of({ data: [{ uid: 'northstar-kpi', title: 'Northstar KPI' }] });
  }
  if (refuseGroup) {
    const { status, message } = refuseGroup;
    return throwError(() => ({ status, data: { message }, config: request }));
  }
  return groupAnswer ?? of({ data: request.data });
}

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: fakeFetch }),
}));

beforeEach(() => {
  refuseGroup = undefined;
  groupAnswer = undefined;
  requests.length = 0;
});

/** Over 30d, so the default page factors read 14.4x and 6x. */
function baseKpi(): KpiDefinition {
  return checkoutKpi({ objective: { window: '30d' } });
}

function openModal(kpi: KpiDefinition = baseKpi()) {
  renderActions(kpi, [kpi]);
  fireEvent.click(screen.getByTestId(testIds.createAlertRules.button));
  return screen.getByRole('dialog');
}

const confirm = (dialog: HTMLElement) =>
  fireEvent.click(within(dialog).getByRole('button', { name: 'Create alert rules' }));

describe('Create alert rules', () => {
  test('asks first, listing the group and both rules with their windows and factors', () => {
    const dialog = openModal();

    const preview = within(dialog).getByTestId(testIds.createAlertRules.preview);
    expect(preview).toHaveTextContent(
      'Rule group northstar-kpi-checkout-availability in the folder Northstar KPI, evaluated every minute.'
    );
    const items = within(preview).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Checkout availability (checkout-availability): page on error budget burn: page 1h/5m > 14.4x or ' +
        'page 6h/30m > 6x; pending 2m, keeps firing 5m after the burn stops.',
      'Checkout availability (checkout-availability): ticket on error budget burn: ticket 1d/2h > 3x or ' +
        'ticket 3d/6h > 1x; pending 15m, keeps firing 30m after the burn stops.',
    ]);
    expect(requests).toEqual([]);
  });

  test('a page tier renamed critical with its own for, and the ticket tier off: one rule, its windows listed', () => {
    const dialog = openModal({
      ...baseKpi(),
      alerting: { policy: 'default', page: { severity: 'critical', for: '1m' }, ticket: { enabled: false } },
    });

    const items = within(within(dialog).getByTestId(testIds.createAlertRules.preview)).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Checkout availability (checkout-availability): page on error budget burn: page 1h/5m > 14.4x or ' +
        'page 6h/30m > 6x; pending 1m, keeps firing 5m after the burn stops.',
    ]);
  });

  test('an absent-data alert is listed as its own rule, with how long the queries may stay silent', () => {
    const dialog = openModal({
      ...baseKpi(),
      alerting: { policy: 'default', ticket: { enabled: false }, absent: { for: '10m' } },
    });
    const items = within(within(dialog).getByTestId(testIds.createAlertRules.preview)).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('page on error budget burn'),
      'Checkout availability (checkout-availability): no data: its queries return nothing for 10m.',
    ]);
  });

  test('cancelling sends nothing', () => {
    const dialog = openModal();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests).toEqual([]);
  });

  test('while Grafana answers the button says so and cannot be pressed again', async () => {
    groupAnswer = new Subject();
    confirm(openModal());

    const button = await screen.findByRole('button', { name: /Creating alert rules…/ });
    expect(button).toBeDisabled();
    await act(async () => {
      groupAnswer!.next({ data: {} });
      groupAnswer!.complete();
    });
    expect(await screen.findByTestId(testIds.createAlertRules.success)).toBeInTheDocument();
  });

  test('once saved, links to both rules in Grafana', async () => {
    confirm(openModal());

    const success = await screen.findByTestId(testIds.createAlertRules.success);
    expect(success).toHaveTextContent('Rule group northstar-kpi-checkout-availability in Northstar KPI');
    expect(
      within(success)
        .getAllByRole('link')
        .map((link) => link.getAttribute('href'))
    ).toEqual([
      '/alerting/grafana/nsk-checkout-availability-page/view',
      '/alerting/grafana/nsk-checkout-availability-ticket/view',
    ]);
    expect(requests).toEqual([
      'GET /api/folders',
      'PUT /api/v1/provisioning/folder/northstar-kpi/rule-groups/northstar-kpi-checkout-availability',
    ]);
  });

  test('a refusal shows Grafana’s message as it is, with the status', async () => {
    const message =
      "You'll need additional permissions to perform this action. Permissions needed: any of alert.provisioning:write";
    refuseGroup = { status: 403, message };
    confirm(openModal());

    const error = await screen.findByTestId(testIds.createAlertRules.error);
    expect(error).toHaveTextContent('Grafana refused the alert rules (HTTP 403)');
    expect(error).toHaveTextContent(message);
    expect(error).toHaveTextContent('Nothing was left half-created.');
    await waitFor(() => expect(screen.getByTestId(testIds.createAlertRules.button)).toBeEnabled());
  });

  test('a draft KPI cannot get rules: the button is disabled and says why', () => {
    renderActions({ ...baseKpi(), status: 'draft' });

    expect(screen.getByTestId(testIds.createAlertRules.button)).toBeDisabled();
    expect(screen.getByTestId(testIds.createAlertRules.unavailable)).toHaveTextContent(
      'Only published KPIs get alert rules: checkout-availability is a draft.'
    );
  });
});
