import React from 'react';
import { compositeKpi } from '../../testing/compositeKpi';
import { render, screen } from '@testing-library/react';
import type { StandardEditorProps } from '@grafana/data';
import { testIds } from '../../components/testIds';
import { forgetAppCatalog, loadAppCatalog } from '../../data/loadAppCatalog';
import { KpiPicker } from './KpiPicker';
import type { CompositeKpiDefinition } from '../../kpi/model';
import { catalogKpi } from '../../testing/panelFixtures';
import { paymentSuccessSqlKpi } from '../../testing/shopSqlKpis';
import { defaultKpiPanelOptions, type KpiPanelOptions } from '../../reading';

jest.mock('../../data/loadAppCatalog', () => ({
  ...jest.requireActual('../../data/loadAppCatalog'),
  loadAppCatalog: jest.fn(),
}));

type Props = StandardEditorProps<string | undefined, unknown, KpiPanelOptions>;

function renderPicker(value: string | undefined, onChange = jest.fn(), options: Partial<KpiPanelOptions> = {}) {
  const props = {
    value,
    onChange,
    id: 'kpi-picker',
    item: { id: 'kpiId', name: 'KPI' },
    context: { data: [], options: { ...defaultKpiPanelOptions, goodRefId: 'good', totalRefId: 'total', ...options } },
  } as unknown as Props;
  return render(<KpiPicker {...props} />);
}

describe('KpiPicker', () => {
  beforeEach(() => {
    forgetAppCatalog();
  });

  test('shows the picked KPI and the queries the panel needs under the mapped refIds', async () => {
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [catalogKpi()], problems: [] });
    renderPicker('checkout-availability');

    expect(await screen.findByText('Checkout availability')).toBeInTheDocument();
    const picker = screen.getByTestId(testIds.kpiPanel.kpiPicker);
    expect(picker).toHaveTextContent('refId good — good events per second');
    expect(picker).toHaveTextContent('sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))');
    expect(picker).toHaveTextContent('refId total — all events per second');
  });

  test('a SQL KPI’s queries are counts per time bucket, not rates', async () => {
    const payments = paymentSuccessSqlKpi();
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [payments], problems: [] });
    renderPicker(payments.id);
    expect(await screen.findByText(payments.name)).toBeInTheDocument();
    const picker = screen.getByTestId(testIds.kpiPanel.kpiPicker);
    expect(picker).toHaveTextContent('refId good — good events per time bucket');
    expect(picker).toHaveTextContent('refId total — all events per time bucket');
    expect(picker).not.toHaveTextContent('per second');
  });

  test('a KPI that left the catalog stays visible as such, and the editor stays usable', async () => {
    jest
      .mocked(loadAppCatalog)
      .mockResolvedValue({ kpis: [catalogKpi()], problems: ['kpis[1] (broken).owner: is required'] });
    renderPicker('gone');
    expect(await screen.findByText('1 problem in the catalog; invalid KPIs are not listed.')).toBeInTheDocument();
    expect(screen.getByText('gone (not in the catalog)')).toBeInTheDocument();
    expect(screen.getByLabelText('KPI from the catalog')).toBeEnabled();
  });

  test('a composite lists the queries of each member under its m<i>- refIds', async () => {
    const journey: CompositeKpiDefinition = compositeKpi({ 'checkout-availability': 1 });
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [catalogKpi(), journey], problems: [] });
    renderPicker('journey');
    expect(await screen.findByText('Journey')).toBeInTheDocument();
    const picker = screen.getByTestId(testIds.kpiPanel.kpiPicker);
    expect(picker).toHaveTextContent('refId m0-good — Checkout availability (prometheus)');
    expect(picker).toHaveTextContent('refId m0-total — Checkout availability (prometheus)');
    expect(picker).toHaveTextContent('sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))');
  });

  test('an unreadable catalog says why', async () => {
    jest.mocked(loadAppCatalog).mockRejectedValue(new Error('Could not read the KPI catalog: HTTP 403 Access Denied'));
    renderPicker(undefined);
    expect(await screen.findByText('Could not read the KPI catalog: HTTP 403 Access Denied')).toBeInTheDocument();
  });

  test('an empty catalog points to the app and to Manual', async () => {
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [], problems: [] });
    renderPicker(undefined);
    expect(await screen.findByText(/The catalog is empty/)).toBeInTheDocument();
  });

  test('a dashboard variable is kept as such, with the recorded-series queries that follow it', async () => {
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [catalogKpi()], problems: [] });
    renderPicker('$kpi', jest.fn(), { queries: 'recorded' });
    expect(await screen.findByText(/The dashboard variable \$kpi names the KPI/)).toBeInTheDocument();
    expect(screen.getByText('$kpi (dashboard variable)')).toBeInTheDocument();
    const picker = screen.getByTestId(testIds.kpiPanel.kpiPicker);
    expect(picker).toHaveTextContent(
      'refId good — good events (or good slices) per second' +
        'sum without (kpi_version) ({__name__=~"northstar:kpi_good:rate.+",kpi_id="${kpi:percentencode}"}) or ' +
        'sum without (kpi_version) (northstar:kpi_slice_good:bool{kpi_id="${kpi:percentencode}"})'
    );
  });

  test('a catalog KPI on recorded series shows its records, selected by its id', async () => {
    jest.mocked(loadAppCatalog).mockResolvedValue({ kpis: [catalogKpi()], problems: [] });
    renderPicker('checkout-availability', jest.fn(), { queries: 'recorded' });
    expect(await screen.findByText('Checkout availability')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.kpiPanel.kpiPicker)).toHaveTextContent(
      'sum without (kpi_version) ({__name__=~"northstar:kpi_total:rate.+",kpi_id="checkout-availability"})'
    );
  });
});
