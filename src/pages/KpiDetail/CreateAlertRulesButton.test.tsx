import React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Subject, of, throwError, type Observable } from 'rxjs';
import type { KpiDefinition } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { CreateAlertRulesButton } from './CreateAlertRulesButton';
import { testIds } from '../../components/testIds';

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
  render(<CreateAlertRulesButton kpi={kpi} canEdit={true} dashboardUrl="/d/nsk-oncall/on-call" />);
  fireEvent.click(screen.getByTestId(testIds.createAlertRules.button));
  return screen.getByRole('dialog');
}

const confirm = (dialog: HTMLElement) =>
  fireEvent.click(within(dialog).getByRole('button', { name: 'Create alert rules' }));

describe('CreateAlertRulesButton', () => {
  test('renders nothing for users who may not edit', () => {
    render(<CreateAlertRulesButton kpi={baseKpi()} canEdit={false} />);
    expect(screen.queryByTestId(testIds.createAlertRules.container)).not.toBeInTheDocument();
  });

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
    render(<CreateAlertRulesButton kpi={{ ...baseKpi(), status: 'draft' }} canEdit={true} />);

    expect(screen.getByTestId(testIds.createAlertRules.button)).toBeDisabled();
    expect(screen.getByTestId(testIds.createAlertRules.unavailable)).toHaveTextContent(
      'Only published KPIs get alert rules: checkout-availability is a draft.'
    );
  });
});
