import React from 'react';
import { render, screen } from '@testing-library/react';
import type { MaintenanceWindow } from '../kpi/model';
import { gridEndingAt } from '../kpi/time';
import { testIds } from './testIds';
import { sparklineFields, TrendSparkline } from './TrendSparkline';

// uPlot draws on a canvas jsdom does not have; the shading is ours and plain HTML.
jest.mock('@grafana/ui', () => ({ ...jest.requireActual('@grafana/ui'), Sparkline: () => null }));

describe('sparklineFields', () => {
  test('times from the grid, gaps as nulls and the value range Sparkline needs', () => {
    const grid = gridEndingAt(10_000, 1000, 3);
    const { x, y } = sparklineFields(grid, Float64Array.of(2, NaN, 5));
    expect(x.values).toEqual([8000, 9000, 10_000]);
    expect(y.values).toEqual([2, null, 5]);
    expect(y.state?.range).toEqual({ min: 2, max: 5, delta: 3 });
  });

  test('an all-gap series gets a range all the same', () => {
    const { y } = sparklineFields(gridEndingAt(0, 1000, 2), Float64Array.of(NaN, NaN));
    expect(y.state?.range).toEqual({ min: 0, max: 1, delta: 1 });
  });
});

describe('TrendSparkline with maintenance windows', () => {
  const HOUR_MS = 3_600_000;
  // 25 hourly steps ending at 2026-11-29T00:00Z: the axis runs over 28 November, 24 hours wide.
  const grid = gridEndingAt(Date.UTC(2026, 10, 29), HOUR_MS, 25);
  const values = new Float64Array(25).fill(0.5);
  const chart = (maintenance?: MaintenanceWindow[]) => (
    <TrendSparkline
      grid={grid}
      values={values}
      width={240}
      height={40}
      color="green"
      label="burndown"
      maintenance={maintenance}
    />
  );

  test('a window 02:00–04:00 is shaded over 2/24 of the width from 2/24 (8.33 %) on', () => {
    render(chart([{ start: '2026-11-28T02:00:00Z', end: '2026-11-28T04:00:00Z', reason: 'upgrade' }]));
    const [shade] = screen.getAllByTestId(testIds.kpiPanel.maintenanceShade);
    expect(parseFloat(shade.style.left)).toBeCloseTo((2 / 24) * 100, 6);
    expect(parseFloat(shade.style.width)).toBeCloseTo((2 / 24) * 100, 6);
  });

  test('a daily cron shades each of its occurrences on the axis, and no window shades nothing', () => {
    const { unmount } = render(chart([{ cron: '0 */6 * * *', duration: '1h', reason: 'rotation' }]));
    // 00:00, 06:00, 12:00, 18:00 and the next 00:00, which starts at the axis' right end and so has no width.
    expect(screen.getAllByTestId(testIds.kpiPanel.maintenanceShade)).toHaveLength(4);
    unmount();
    render(chart());
    expect(screen.queryAllByTestId(testIds.kpiPanel.maintenanceShade)).toHaveLength(0);
  });
});
