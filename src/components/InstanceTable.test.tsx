import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { evaluatePerLabel, matchInstances } from '../kpi/evaluate';
import { gridEndingAt } from '../kpi/time';
import { INSTANCE_ROWS_SHOWN, InstanceTable } from './InstanceTable';
import { testIds } from './testIds';

const HOUR = 3600_000;

/** Routes /r0 … /r(n−1), route i failing i of 1,000 requests per hour over a day. */
function routes(count: number, names = (i: number) => `/r${i}`) {
  const grid = gridEndingAt(Date.UTC(2026, 10, 1), HOUR, 24);
  const series = (i: number, value: number) => ({
    labels: { route: names(i) },
    values: new Float64Array(24).fill(value),
  });
  const good = Array.from({ length: count }, (_, i) => series(i, 1000 - i));
  const total = Array.from({ length: count }, (_, i) => series(i, 1000));
  return evaluatePerLabel({
    instances: matchInstances(good, total, grid, ['route']).instances,
    grid,
    maxInstances: 1000,
    target: 0.99,
    sloWindowMs: 24 * HOUR,
    rules: [{ severity: 'page', longMs: 6 * HOUR, shortMs: HOUR, factor: 10 }],
  });
}

const renderTable = (count: number, names?: (i: number) => string) => {
  const result = routes(count, names);
  return render(
    <InstanceTable
      instances={result.instances}
      groupBy={['route']}
      instanceCount={result.instanceCount}
      belowTarget={result.belowTarget}
      target={0.99}
    />
  );
};

const rowNames = () => screen.getAllByTestId(testIds.instances.row).map((row) => row.querySelector('th')!.textContent);

describe('InstanceTable', () => {
  test(`shows the worst ${INSTANCE_ROWS_SHOWN} first, and all of them on request from the keyboard`, () => {
    renderTable(30);
    // /r29 fails 2.9 %, the most: it comes first; 19 routes fail more than the 1 % budget (/r11 … /r29).
    expect(rowNames().slice(0, 3)).toEqual(['/r29', '/r28', '/r27']);
    expect(rowNames()).toHaveLength(INSTANCE_ROWS_SHOWN);
    expect(screen.getByTestId(testIds.instances.summary)).toHaveTextContent('19 of 30 route values below target');
    const showAll = screen.getByRole('button', { name: 'Show all 30' });
    showAll.focus();
    fireEvent.click(showAll);
    expect(rowNames()).toHaveLength(30);
  });

  test('the filter narrows the rows by name', () => {
    renderTable(30);
    fireEvent.change(screen.getByLabelText('Filter instances by route'), { target: { value: '/r2' } });
    expect(rowNames()).toEqual(['/r29', '/r28', '/r27', '/r26', '/r25', '/r24', '/r23', '/r22', '/r21', '/r20', '/r2']);
  });

  test('label values from the data source render as text', () => {
    const { container } = renderTable(1, () => '<img src=x onerror=alert(1)>');
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
  });

  test('no series: an empty state instead of an empty table', () => {
    render(<InstanceTable instances={[]} groupBy={['route']} instanceCount={0} belowTarget={0} target={0.99} />);
    expect(screen.getByText('No instance has data: the queries returned no route series.')).toBeInTheDocument();
  });
});
