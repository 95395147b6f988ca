import React from 'react';
import { render, screen } from '@testing-library/react';
import { FieldType, LoadingState, PanelProps, getDefaultTimeRange, toDataFrame, type DataFrame } from '@grafana/data';
import { testIds } from '../../components/testIds';
import { KpiPanel } from './KpiPanel';
import type { KpiPanelOptions } from './types';

function propsWith(series: DataFrame[], options: KpiPanelOptions = { view: 'stat' }): PanelProps<KpiPanelOptions> {
  const timeRange = getDefaultTimeRange();
  return {
    id: 11,
    data: { series, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options,
    fieldConfig: { defaults: {}, overrides: [] },
    width: 400,
    height: 200,
    transparent: false,
    title: 'Checkout availability',
    renderCounter: 0,
    eventBus: {} as PanelProps['eventBus'],
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    onChangeTimeRange: jest.fn(),
    replaceVariables: (s: string) => s,
  } as PanelProps<KpiPanelOptions>;
}

const frame = (refId: string) =>
  toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: [1000, 2000] },
      { name: 'Value', type: FieldType.number, values: [13, 17] },
    ],
  });

describe('KpiPanel', () => {
  test('without data it shows the data error view with a hint, not a value', () => {
    render(<KpiPanel {...propsWith([])} />);

    expect(screen.getByText(/add the KPI's queries/)).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.kpiPanel.container)).not.toBeInTheDocument();
  });

  test.each([
    [[frame('good')], 'Received 1 data frame.'],
    [[frame('good'), frame('total')], 'Received 2 data frames.'],
  ])('with data it reports the frame count and evaluates nothing (%#)', (series, text) => {
    render(<KpiPanel {...propsWith(series, { view: 'burn-rate-table' })} />);

    const container = screen.getByTestId(testIds.kpiPanel.container);
    expect(container).toHaveTextContent(text);
    expect(container).toHaveTextContent('Northstar KPI (burn-rate-table)');
    expect(container).toHaveTextContent(/arrives with the KPI panel issue/);
    // The sample values must not leak into the shell as if they were results.
    expect(container).not.toHaveTextContent(/13|17/);
  });
});
