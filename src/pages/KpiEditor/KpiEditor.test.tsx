import React from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { of } from 'rxjs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import {
  OrgRole,
  PluginContextProvider,
  type DataSourceApi,
  type PluginMeta,
  type QueryEditorProps,
} from '@grafana/data';
import { getDataSourceSrv, setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';
import type { DataQuery } from '@grafana/schema';
import { testIds } from '../../components/testIds';
import type { CatalogKpi, KpiDefinition, ValueKpiDefinition } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { setUpPages } from '../../testing/pageEnvironment';
import KpiEditor from './KpiEditor';

/**
 * /api/ds/query for Preview: every range query answers one sample on its step at the range's end, orders 0.33 and
 * carts 10 per second.
 */
const mockFetch = jest.fn(
  (request: { data: { to: string; queries: Array<{ refId: string; expr: string; intervalMs: number }> } }) => {
    const results = Object.fromEntries(
      request.data.queries.map(({ refId, expr, intervalMs }) => {
        const at = Math.floor(Number(request.data.to) / intervalMs) * intervalMs;
        const value = expr.includes('orders') ? 0.33 : 10;
        const fields = [
          { name: 'Time', type: 'time' },
          { name: 'Value', type: 'number' },
        ];
        return [refId, { status: 200, frames: [{ schema: { fields }, data: { values: [[at], [value]] } }] }];
      })
    );
    return of({ data: { results } });
  }
);
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

type PromQuery = DataQuery & { expr: string };

const CHECKOUT: KpiDefinition = checkoutKpi({ version: 2 });

const CONVERSION: ValueKpiDefinition = {
  id: 'checkout-conversion',
  version: 2,
  status: 'published',
  name: 'Checkout conversion',
  owner: 'team-growth',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: {
    type: 'value',
    numerator: 'sum(rate(orders_total[$__rate_interval]))',
    denominator: 'sum(rate(carts_created_total[$__rate_interval]))',
    unit: 'percentunit',
  },
  objective: { direction: 'higher', target: 0.03, window: { calendar: 'month', timeZone: 'Europe/Berlin' } },
};

const catalogOf = (...kpis: CatalogKpi[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

/** The app's settings name Prometheus as the default data source of new KPIs. */
const APP_META = {
  jsonData: { defaultDatasourceType: 'prometheus', defaultDatasourceUid: 'prometheus' },
} as unknown as PluginMeta;

function renderEditor(path: string) {
  return render(
    <PluginContextProvider meta={APP_META}>
      <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <Routes>
          <Route path="/edit/:id?" element={<KpiEditor />} />
        </Routes>
      </MemoryRouter>
    </PluginContextProvider>
  );
}

describe('the KPI editor', () => {
  test('a failed save keeps the form as typed and shows why, in Grafana’s words', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 5 } });
    backend.hooks.beforeWrite = () => {
      throw { status: 500, statusText: 'Internal Server Error', data: { message: 'database is locked' } };
    };
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    fireEvent.change(input('kpi-target'), { target: { value: '99.5' } });

    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));

    expect(await screen.findByTestId(testIds.kpiEditor.saveError)).toHaveTextContent('HTTP 500 database is locked');
    expect(input('kpi-target').value).toBe('99.5');
    expect(backend.current().jsonData).toMatchObject({ revision: 5 });
  });

  test('someone else’s save since the page loaded: the conflict shows theirs beside mine and saves nothing', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 5 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    backend.replace({ catalog: catalogOf({ ...CHECKOUT, version: 3, name: 'Checkout success' }), revision: 6 });
    fireEvent.change(input('kpi-owner'), { target: { value: 'team-checkout' } });

    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));

    const conflict = await screen.findByTestId(testIds.kpiEditor.conflict);
    expect(conflict).toHaveTextContent('Checkout success');
    expect(conflict).toHaveTextContent('team-checkout');
    expect(backend.current().jsonData).toMatchObject({ revision: 6 });
    // Keeping mine, the next publish is based on their revision and becomes version 4.
    fireEvent.click(screen.getByRole('button', { name: 'Keep editing mine' }));
    await waitFor(() => expect(screen.getByTestId(testIds.kpiEditor.publish)).toHaveTextContent('Publish version 4'));
  });

  test('problems show under their fields with the schema’s messages, and nothing is saved', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 1 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    fireEvent.change(input('kpi-target'), { target: { value: '100' } });
    fireEvent.change(input('kpi-runbook'), { target: { value: 'javascript:alert(1)' } });

    expect(await screen.findByText('must be between 0 and 1 (exclusive)')).toBeInTheDocument();
    expect(screen.getByText('must be an http:// or https:// URL')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));
    expect(await screen.findByText(/Fix the fields marked in red first/)).toBeInTheDocument();
    expect(backend.current().jsonData).toMatchObject({ revision: 1 });
  });

  test('maintenance windows: added, checked live at the field, removed, and published with the KPI', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 1 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    fireEvent.click(screen.getByTestId(testIds.kpiEditor.addMaintenance));
    fireEvent.click(screen.getByTestId(testIds.kpiEditor.addMaintenance));
    expect(screen.getAllByTestId(testIds.kpiEditor.maintenanceRow)).toHaveLength(2);

    fireEvent.change(screen.getByLabelText('Maintenance window 1 cron'), { target: { value: '61 2 * * 0' } });
    expect(await screen.findByText('minute 61 is out of range 0–59')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Maintenance window 1 cron'), { target: { value: '0 3 * * 0' } });
    fireEvent.change(screen.getByLabelText('Maintenance window 1 reason'), { target: { value: 'weekly reindex' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove maintenance window 2' }));
    expect(screen.getAllByTestId(testIds.kpiEditor.maintenanceRow)).toHaveLength(1);
    expect(screen.queryByText('minute 61 is out of range 0–59')).toBeNull();

    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));
    await waitFor(() => expect(backend.current().jsonData.revision).not.toBe(1));
    const stored = (backend.current().jsonData.catalog as { kpis: KpiDefinition[] }).kpis[0];
    expect(stored.maintenance).toEqual([{ cron: '0 3 * * 0', duration: '2h', reason: 'weekly reindex' }]);
  });

  test.each([
    ['a KPI of the catalog', { catalog: catalogOf(CHECKOUT), revision: 'r1' }],
    ['a KPI only the history has', { catalog: catalogOf(), history: { [CHECKOUT.id]: [CHECKOUT] }, revision: 'r1' }],
  ])('a new KPI with the id of %s is refused at the field as it is typed, and saves nothing', async (_n, jsonData) => {
    const backend = setUpPages({ jsonData });
    renderEditor('/edit');
    await screen.findByTestId(testIds.kpiEditor.form);
    fireEvent.change(input('kpi-id'), { target: { value: 'checkout-availability' } });

    expect(
      await screen.findByText('already used by a KPI of the catalog or its history; ids are never reused')
    ).toBeInTheDocument();
    fireEvent.click(screen.getByTestId(testIds.kpiEditor.saveDraft));
    expect(await screen.findByText(/Fix the fields marked in red first/)).toBeInTheDocument();
    expect(backend.current().jsonData).toEqual(jsonData);
  });

  test('near Grafana’s storage limit the editor warns with the size, before anything is saved', async () => {
    const long = { ...CHECKOUT, description: 'x'.repeat(52_000) };
    setUpPages({ jsonData: { catalog: catalogOf(long), revision: 'r1' } });
    renderEditor('/edit/checkout-availability');
    expect(await screen.findByTestId(testIds.storedSize)).toHaveTextContent(
      /The catalog and its history take 51\.\d KiB of the 64\.0 KiB Grafana can store/
    );
  });

  test('a conflict whose reload fails keeps the typed form: trying again brings it back as typed', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 5 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    backend.replace({ catalog: catalogOf({ ...CHECKOUT, version: 3 }), revision: 6 });
    fireEvent.change(input('kpi-owner'), { target: { value: 'team-checkout' } });
    let reads = 0;
    backend.hooks.beforeRead = () => {
      if (++reads > 1) {
        throw { status: 502, statusText: 'Bad Gateway', data: { message: 'upstream down' } };
      }
    };

    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));
    expect(await screen.findByText('The KPI catalog could not be read')).toBeInTheDocument();
    backend.hooks.beforeRead = undefined;
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));

    await screen.findByTestId(testIds.kpiEditor.form);
    expect(input('kpi-owner').value).toBe('team-checkout');
  });

  test('another save removed the KPI: the page says so and keeps what was typed', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 5 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    backend.replace({ catalog: catalogOf(), revision: 6 });
    fireEvent.change(input('kpi-owner'), { target: { value: 'team-checkout' } });

    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));

    expect(await screen.findByText('No KPI "checkout-availability" in the catalog')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.kpiEditor.keptForm)).toHaveTextContent('"owner": "team-checkout"');
  });

  test('leaving the page with unsaved changes asks first; an untouched form does not', async () => {
    setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 5 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    fireEvent.change(input('kpi-owner'), { target: { value: 'team-checkout' } });
    expect(leave()).toBe(true);
  });

  test('a ratio KPI’s query labels say what its data source returns: rates in PromQL, counts per bucket in SQL', async () => {
    const bucketCount = (where: string) => ({
      rawSql: `SELECT $__timeGroupAlias(created_at, $__interval), count(*) FROM shop.payments WHERE ${where} GROUP BY 1`,
      format: 'time_series' as const,
    });
    const payments: KpiDefinition = {
      ...checkoutKpi({ version: 1 }),
      id: 'payment-success',
      datasource: { type: 'grafana-postgresql-datasource', uid: 'postgres' },
      indicator: { type: 'ratio', good: bucketCount("status = 'ok'"), total: bucketCount('$__timeFilter(created_at)') },
    };
    setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT, payments) } });
    const { unmount } = renderEditor('/edit/payment-success');
    await screen.findByTestId(testIds.kpiEditor.form);
    expect(screen.getByText('Good events per bucket')).toBeInTheDocument();
    expect(screen.getByText('All events per bucket')).toBeInTheDocument();
    expect(screen.getByText(/SQL, as in a panel: a count per \$__timeGroupAlias bucket/)).toBeInTheDocument();
    expect(screen.queryByText("PromQL as in a panel; Grafana's macros work")).toBeNull();
    expect(screen.queryByText('Good events per second')).toBeNull();
    unmount();

    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    expect(screen.getByText('Good events per second')).toBeInTheDocument();
    expect(screen.getByText("PromQL as in a panel; Grafana's macros work")).toBeInTheDocument();
  });

  test('a Viewer gets no form; a provisioned catalog is read-only for Admins too', async () => {
    setUpPages({ role: OrgRole.Viewer, jsonData: { catalog: catalogOf(CHECKOUT) } });
    const { unmount } = renderEditor('/edit/checkout-availability');
    expect(await screen.findByTestId(testIds.kpiEditor.readOnly)).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.kpiEditor.form)).toBeNull();
    unmount();

    setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), provisioned: true } });
    renderEditor('/edit/checkout-availability');
    expect(await screen.findByTestId(testIds.catalog.provisioned)).toHaveTextContent('Managed by provisioning');
    expect(screen.queryByTestId(testIds.kpiEditor.form)).toBeNull();
  });

  describe('a value KPI', () => {
    test('Preview reads it through the data source: value, target, status, change and forecast sentence', async () => {
      setUpPages({ jsonData: { catalog: catalogOf(CONVERSION), revision: 1 } });
      renderEditor('/edit/checkout-conversion');
      await screen.findByTestId(testIds.kpiEditor.form);
      // Mid-month, so that the one sample falls inside this month whatever day the test runs.
      const now = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 12, 9, 30));
      fireEvent.click(screen.getByTestId(testIds.kpiEditor.preview));

      const headline = await screen.findByTestId(testIds.kpiDetail.valueHeadline);
      // One sample: 0.33 orders per 10 carts is 3.3 % this month so far, on track against ≥ 3 %.
      expect(headline).toHaveTextContent('3.30%');
      expect(headline).toHaveTextContent('target ≥ 3%');
      expect(within(headline).getByRole('status')).toHaveTextContent('On track');
      expect(headline).toHaveTextContent('3.30% this month so far; target ≥ 3%.');
      expect(within(headline).getByTestId(testIds.catalog.valueChange)).toHaveTextContent('no previous period');
      expect(mockFetch).toHaveBeenCalledTimes(1);
      expect(mockFetch.mock.calls[0][0].data.queries.map((q) => q.expr)).toEqual([
        CONVERSION.indicator.numerator,
        CONVERSION.indicator.denominator,
      ]);
      now.mockRestore();
    });

    test('a query editor’s Run queries previews the query it changed in the same event', async () => {
      setUpPages({ jsonData: { catalog: catalogOf(CONVERSION), revision: 1 } });
      // As Grafana's PromQL editor on Shift+Enter: onChange with the typed query, then onRunQuery, in one handler.
      const TypeAndRun = ({ query, onChange, onRunQuery }: QueryEditorProps<DataSourceApi<PromQuery>, PromQuery>) => (
        <button
          onClick={() => {
            onChange({ ...query, expr: `${query.expr} * 2` });
            onRunQuery();
          }}
        >
          Type and run
        </button>
      );
      setDataSourceSrv({
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- the service the editor reads, kept but for get
        ...getDataSourceSrv(),
        get: async () => ({ type: 'prometheus', uid: 'prometheus', components: { QueryEditor: TypeAndRun } }),
      } as unknown as DataSourceSrv);
      renderEditor('/edit/checkout-conversion');

      await screen.findByTestId(testIds.kpiEditor.form);
      const [numeratorEditor] = await screen.findAllByText('Type and run');
      fireEvent.click(numeratorEditor);

      await screen.findByTestId(testIds.kpiDetail.valueHeadline);
      expect(mockFetch.mock.calls.at(-1)?.[0].data.queries.map((q) => q.expr)).toEqual([
        `${CONVERSION.indicator.numerator} * 2`,
        CONVERSION.indicator.denominator,
      ]);
    });

    const storedKpis = (backend: ReturnType<typeof setUpPages>) =>
      (backend.current().jsonData.catalog as { kpis: CatalogKpi[] }).kpis;

    // Every keystroke re-validates the whole form, and the unit search lists Grafana's units: slow in jsdom.
    test('a new one: Value shows its fields, hides the burn-rate policy, and publishes what was typed', async () => {
      const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 1 } });
      renderEditor('/edit');
      await screen.findByTestId(testIds.kpiEditor.form);
      expect(screen.getByText('Burn-rate policy')).toBeInTheDocument();
      fireEvent.change(input('kpi-id'), { target: { value: 'revenue-per-month' } });
      fireEvent.change(input('kpi-name'), { target: { value: 'Revenue per month' } });
      fireEvent.change(input('kpi-owner'), { target: { value: 'team-sales' } });

      fireEvent.click(screen.getByRole('radio', { name: 'Value' }));
      expect(screen.queryByText('Burn-rate policy')).toBeNull();
      fireEvent.click(screen.getByRole('radio', { name: 'One query' }));
      fireEvent.change(input('kpi-query'), {
        target: { value: 'sum(rate(revenue_dollars_total[$__rate_interval]))' },
      });
      await chooseUnit('Currency', 'Dollars ($)');

      fireEvent.change(input('kpi-value-target'), { target: { value: '1200000' } });
      expect(screen.getByText('shows as $1.20M')).toBeInTheDocument();
      fireEvent.change(input('kpi-value-warning'), { target: { value: '1300000' } });
      expect(
        await screen.findByText(
          'must be below the target 1200000 when higher is better: the KPI is at-risk between warning and target'
        )
      ).toBeInTheDocument();
      fireEvent.change(input('kpi-value-warning'), { target: { value: '1000000' } });
      fireEvent.click(screen.getByRole('radio', { name: 'Month' }));
      fireEvent.change(input('kpi-time-zone'), { target: { value: 'Europe/Berlin' } });

      fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));

      await waitFor(() => expect(storedKpis(backend)).toHaveLength(2));
      expect(storedKpis(backend)[1]).toEqual({
        id: 'revenue-per-month',
        version: 1,
        status: 'published',
        name: 'Revenue per month',
        owner: 'team-sales',
        datasource: { type: 'prometheus', uid: 'prometheus' },
        indicator: {
          type: 'value',
          query: 'sum(rate(revenue_dollars_total[$__rate_interval]))',
          aggregation: 'sum',
          unit: 'currencyUSD',
        },
        objective: {
          direction: 'higher',
          target: 1_200_000,
          warning: 1_000_000,
          window: { calendar: 'month', timeZone: 'Europe/Berlin' },
        },
      });
    }, 90_000);

    test('an existing one opens with its fields; a lower direction and a new target publish as version 3', async () => {
      const backend = setUpPages({ jsonData: { catalog: catalogOf(CONVERSION), revision: 1 } });
      renderEditor('/edit/checkout-conversion');
      await screen.findByTestId(testIds.kpiEditor.form);
      expect(input('kpi-numerator').value).toBe(CONVERSION.indicator.numerator);
      expect(input('kpi-value-target').value).toBe('0.03');
      expect(screen.getByText('shows as 3%')).toBeInTheDocument();
      expect(input('kpi-value-unit').value).toBe('Percent (0.0-1.0)');
      expect(screen.getByTestId(testIds.kpiEditor.publish)).toHaveAttribute('aria-disabled', 'true');

      fireEvent.change(input('kpi-value-target'), { target: { value: '0.035' } });
      fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));

      await waitFor(() => expect(storedKpis(backend)[0].version).toBe(3));
      expect(storedKpis(backend)[0]).toEqual({
        ...CONVERSION,
        version: 3,
        objective: { ...CONVERSION.objective, target: 0.035 },
      });
    });
  });
});

const input = (id: string) => document.getElementById(id) as HTMLInputElement;

/** Grafana's UnitPicker: typing searches every unit; the option is picked as "group / unit". */
async function chooseUnit(group: string, label: string) {
  // The search menu's scroll indicators watch it with an IntersectionObserver, which jsdom lacks.
  window.IntersectionObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof IntersectionObserver;
  const picker = input('kpi-value-unit');
  fireEvent.focus(picker);
  fireEvent.keyDown(picker, { key: 'D' });
  const search = await waitFor(() => {
    const element = input('kpi-value-unit');
    expect(element).not.toBe(picker);
    return element;
  });
  fireEvent.change(search, { target: { value: label } });
  fireEvent.click(await screen.findByText(`${group} / ${label}`));
}
