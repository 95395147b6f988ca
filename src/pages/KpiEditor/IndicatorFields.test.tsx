import React from 'react';
import { render, screen } from '@testing-library/react';
import { setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';
import { paymentSuccessSqlKpi, weeklyOrdersSqlKpi } from '../../testing/shopSqlKpis';
import { checkoutConversionKpi } from '../../testing/valueKpis';
import { checkoutKpi } from '../../testing/checkoutKpi';
import type { CatalogKpi } from '../../kpi/model';
import { testIds } from '../../components/testIds';
import { IndicatorFields } from './IndicatorFields';
import { formFromKpi } from './kpiForm';

// The picker lists Grafana's data sources, which a unit test has none of; the labels under it are what is tested.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  DataSourcePicker: () => null,
}));

beforeEach(() => {
  // No data source editors: each query is the labelled text box.
  setDataSourceSrv({ get: async () => Promise.reject(new Error('no editors here')) } as unknown as DataSourceSrv);
});

/** Renders the fields of `kpi` and returns what labels each query's box: its label and description, as read. */
async function queryLabels(kpi: CatalogKpi, ids: string[]): Promise<string[]> {
  const form = formFromKpi(kpi);
  const { container } = render(
    <IndicatorFields form={form} onChange={() => {}} problems={[]} showProblems={false} memberChoices={[]} />
  );
  await screen.findAllByTestId(testIds.kpiEditor.queryFallback);
  return ids.map((id) => container.querySelector(`label[for="${id}"]`)?.textContent ?? `no label for ${id}`);
}

describe('the indicator’s query labels speak the data source’s language', () => {
  test('a SQL SLO’s good and total are counts per bucket, in SQL', async () => {
    expect(await queryLabels(paymentSuccessSqlKpi(), ['kpi-good', 'kpi-total'])).toEqual([
      "Good events per bucketSQL, as in a panel: a count per $__timeGroupAlias bucket; Grafana's macros work",
      'All events per bucket',
    ]);
  });

  test('a PromQL SLO’s are events per second, in PromQL', async () => {
    expect(await queryLabels(checkoutKpi(), ['kpi-good', 'kpi-total'])).toEqual([
      "Good events per secondPromQL as in a panel; Grafana's macros work",
      'All events per second',
    ]);
  });

  test('a SQL value KPI’s query is a value per bucket, and its sum a total of the buckets', async () => {
    expect(await queryLabels(weeklyOrdersSqlKpi(), ['kpi-query'])).toEqual([
      'QuerySQL, as in a panel: one value per $__timeGroupAlias bucket, in one series',
    ]);
    expect(screen.getByDisplayValue('sum: the period’s total of the buckets’ values')).toBeInTheDocument();
    expect(screen.queryByDisplayValue(/per-second/)).not.toBeInTheDocument();
  });

  test('a SQL ratio value KPI’s numerator and denominator are per bucket', async () => {
    const conversion = checkoutConversionKpi({}, { datasource: { type: 'grafana-postgresql-datasource', uid: 'pg' } });
    expect(await queryLabels(conversion, ['kpi-numerator', 'kpi-denominator'])).toEqual([
      'Numerator per bucketSQL, as in a panel, e.g. orders per time bucket; its sum over the period is divided by ' +
        'the denominator’s',
      'Denominator per bucket',
    ]);
  });

  test('a type Northstar does not know asks for its own query, per bucket, naming no language', async () => {
    const influx = checkoutKpi({ datasource: { type: 'influxdb', uid: 'influx' } });
    expect(await queryLabels(influx, ['kpi-good', 'kpi-total'])).toEqual([
      'Good events per bucketThe data source’s own query, as in a panel: a count per time bucket',
      'All events per bucket',
    ]);
  });
});
