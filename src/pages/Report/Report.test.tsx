import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { locationService } from '@grafana/runtime';
import { testIds } from '../../components/testIds';
import type { KpiDefinition } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { instantAnswers, setUpPages, type DsQueryFetch } from '../../testing/pageEnvironment';
import { downloadText } from '../../utils/browserFiles';
import Report from './Report';
import { of } from 'rxjs';
import { checkoutConversionKpi } from '../../testing/valueKpis';

jest.mock('../../utils/browserFiles', () => ({
  ...jest.requireActual('../../utils/browserFiles'),
  downloadText: jest.fn(),
}));

/**
 * /api/ds/query: payments fails 0.05 % of requests in the period and 0.2 % before; search fails 2 %. Conversion's
 * orders and carts answer one sample at the period's end: 0.33 orders per 10 carts.
 */
const mockFetch = jest.fn((request: DsQueryFetch) =>
  request.url.includes('ds_type=grafana-postgresql-datasource')
    ? paymentBuckets(request)
    : request.url.includes('ds_type=influxdb')
      ? of({ data: { results: {} } })
      : instantAnswers(request, (query) =>
          query.expr.includes('orders_')
            ? 0.33
            : query.expr.includes('carts_')
              ? 10
              : query.expr.includes('search_')
                ? 0.02
                : query.refId.endsWith('previous')
                  ? 0.002
                  : 0.0005
        )
);
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

/** The 10th of last month, 00:00 UTC: a bucket inside the report's "last month" whenever the test runs. */
const lastMonthBucketMs = (() => {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10);
})();

/** PostgreSQL's answer: one hourly bucket last month, 995 of 1,000 payments paid. */
function paymentBuckets(request: DsQueryFetch) {
  const results: Record<string, unknown> = {};
  for (const { refId } of request.data.queries) {
    const count = refId.endsWith('good') ? 995 : 1000;
    results[refId] = {
      status: 200,
      frames: [
        {
          schema: {
            fields: [
              { name: 'time', type: 'time' },
              { name: refId, type: 'number' },
            ],
          },
          data: { values: [[lastMonthBucketMs], [count]] },
        },
      ],
    };
  }
  return of({ data: { results } });
}

function kpi(id: string, name: string): KpiDefinition {
  return checkoutKpi({
    id,
    name,
    owner: `team-${id}`,
    indicator: { good: `sum(rate(${id}_ok[5m]))`, total: `sum(rate(${id}_all[5m]))` },
    objective: { target: 0.999 },
  });
}

const CONVERSION = checkoutConversionKpi({ window: { calendar: 'month', timeZone: 'UTC' } }, { id: 'conversion' });

/** The 15th of last month (UTC): inside the report's "last month" whenever the test runs. */
const lastMonthDay = (() => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)).toISOString().slice(0, 10);
})();
const NOTE = {
  id: 'n1',
  date: lastMonthDay,
  login: 'alice',
  text: '<b>INC-1</b> dip',
  at: `${lastMonthDay}T10:00:00Z`,
};

const stored = {
  checkins: { payments: [NOTE] },
  catalog: {
    apiVersion: 'northstar.dev/v1',
    kind: 'KpiCatalog',
    kpis: [
      kpi('payments', 'Payments'),
      kpi('search', '<b>Search</b>'),
      { ...kpi('draft', 'Draft'), status: 'draft' },
      CONVERSION,
    ],
  },
  revision: 1,
};

function renderReport(search = '', jsonData: Record<string, unknown> = stored) {
  locationService.push(`/a/northstar-kpi-app/report${search}`);
  setUpPages({ jsonData });
  return render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Report />
    </MemoryRouter>
  );
}

const rowOf = (id: string) => document.querySelector(`[data-kpi-id="${id}"]`) as HTMLElement;

describe('the KPI report', () => {
  beforeEach(() => {
    mockFetch.mockClear();
    jest.mocked(downloadText).mockClear();
  });

  test('every published KPI with its owner, attainment, met or missed, budget spent and change; one request', async () => {
    renderReport('?period=last-quarter&tz=UTC');
    await waitFor(() => expect(rowOf('payments')).toHaveAttribute('data-state', 'ok'), { timeout: 5000 });
    expect(rowOf('draft')).toBeNull();
    // The first seven cells: the eighth, check-ins, is the CSV test's (last month's note may or may not be in it).
    expect(
      within(rowOf('payments'))
        .getAllByRole('cell')
        .slice(0, 7)
        .map((cell) => cell.textContent)
    ).toEqual(['Payments', 'team-payments', '99.9%', '99.95%', 'Met', '50%', '+0.15 pp']);
    expect(within(rowOf('search')).getByText('Missed')).toBeInTheDocument();
    expect(within(rowOf('search')).getByText('2000%')).toBeInTheDocument();
    // Catalog text is text.
    expect(within(rowOf('search')).getByText('<b>Search</b>')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.report.period)).toHaveTextContent(/^Last quarter: .* \(UTC\)\.$/);
    expect(mockFetch).toHaveBeenCalledTimes(1);
  });

  test('the CSV download holds the rows as numbers', async () => {
    renderReport('?period=last-month&tz=UTC');
    await waitFor(() => expect(rowOf('search')).toHaveAttribute('data-state', 'ok'));
    // Last month's check-in, as text.
    expect(within(rowOf('payments')).getByTestId(testIds.checkIns.reportNotes)).toHaveTextContent(
      `${lastMonthDay} · alice: <b>INC-1</b> dip`
    );
    fireEvent.click(screen.getByTestId(testIds.report.downloadCsv));
    const [fileName, csv, type] = jest.mocked(downloadText).mock.calls[0];
    expect([fileName, type]).toEqual(['northstar-report-last-month.csv', 'text/csv']);
    expect(csv.split('\r\n')[1]).toMatch(
      /^payments,Payments,team-payments,last month,.*,true,0\.999,0\.9995,true,0\.5,0\.998,0\.0015,ok,slo,,,,,,,,/
    );
    expect(csv.split('\r\n')[1].endsWith(`,${lastMonthDay} alice: <b>INC-1</b> dip`)).toBe(true);
  });

  test('a value KPI: its value in its unit against its target by direction, met, in the same one request', async () => {
    renderReport('?period=last-month&tz=UTC');
    await waitFor(() => expect(rowOf('conversion')).toHaveAttribute('data-state', 'ok'));
    expect(rowOf('conversion')).toHaveAttribute('data-kind', 'value');
    expect(
      within(rowOf('conversion'))
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
    ).toEqual(['Checkout conversion', 'team-growth', '≥ 3% ', '3.30%', 'Met', '—', 'no previous period', '—']);
    expect(within(rowOf('conversion')).getByLabelText('Higher is better')).toBeInTheDocument();
    expect(mockFetch).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByTestId(testIds.report.downloadCsv));
    const csv = jest.mocked(downloadText).mock.calls[0][1];
    expect(csv.split('\r\n').find((line) => line.startsWith('conversion,'))).toMatch(
      /,true,0\.03,,true,,,,ok,value,percentunit,higher,0\.033,,,,0\.033,$/
    );
  });

  test('a SQL SLO from its buckets and a type that answers no frames, named; one request per data source', async () => {
    const sql = (select: string) => ({
      rawSql: `SELECT $__timeGroupAlias(created_at, $__interval), ${select} FROM shop.payments GROUP BY 1`,
      format: 'time_series',
    });
    const paymentSuccess = checkoutKpi({
      id: 'payment-success',
      name: 'Payment success',
      datasource: { type: 'grafana-postgresql-datasource', uid: 'postgres' },
      indicator: { good: sql("count(*) FILTER (WHERE status = 'paid')"), total: sql('count(*)') },
      objective: { target: 0.99 },
    });
    const influx = { ...kpi('influx', 'Influx SLO'), datasource: { type: 'influxdb', uid: 'influx' } };
    renderReport('?period=last-month&tz=UTC', {
      catalog: { ...stored.catalog, kpis: [kpi('payments', 'Payments'), paymentSuccess, influx] },
      revision: 1,
    });
    await waitFor(() => expect(rowOf('payment-success')).toHaveAttribute('data-state', 'ok'));
    expect(
      within(rowOf('payment-success'))
        .getAllByRole('cell')
        .slice(0, 7)
        .map((cell) => cell.textContent)
    ).toEqual(['Payment success', 'team-payments', '99%', '99.5%', 'Met', '50%', '—']);
    expect(rowOf('influx')).toHaveAttribute('data-state', 'error');
    expect(rowOf('influx')).toHaveTextContent('Not evaluated: influxdb returns no frames we can read');
    expect(
      mockFetch.mock.calls.map(([request]) => new URL(request.url, 'http://host').searchParams.get('ds_type'))
    ).toEqual(['prometheus', 'grafana-postgresql-datasource', 'influxdb']);

    fireEvent.click(screen.getByTestId(testIds.report.downloadCsv));
    const csv = jest.mocked(downloadText).mock.calls[0][1];
    expect(csv.split('\r\n').find((line) => line.startsWith('payment-success,'))).toMatch(
      /,true,0\.99,0\.995,true,0\.5,,,ok,slo,/
    );
    expect(csv.split('\r\n').find((line) => line.startsWith('influx,'))).toMatch(/,0\.999,,,,,,error,slo,/);
  });

  test('a time zone that does not exist is named and nothing is asked', async () => {
    renderReport('?tz=Europe/Atlantis');
    expect(await screen.findByText('Not an IANA time zone; e.g. Europe/Berlin or UTC')).toBeInTheDocument();
    expect(mockFetch).not.toHaveBeenCalled();
    expect(screen.getByTestId(testIds.report.downloadCsv)).toBeDisabled();
  });
});
