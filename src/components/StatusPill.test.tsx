import React from 'react';
import { render, screen } from '@testing-library/react';
import type { KpiStatus } from '../kpi/model';
import { STATUS_LOOKS, StatusPill } from './StatusPill';

describe('StatusPill', () => {
  test.each([
    ['page', 'Page', /long and short windows/],
    ['ok', 'OK', /no burn-rate rule fires/],
    ['no-data', 'No data', /This is not OK/],
    ['no-traffic', 'No traffic', /This is not 100%/],
    ['maintenance', 'Maintenance', /no burn-rate or absent-data alert fires/],
  ] as Array<[KpiStatus, string, RegExp]>)('%s is announced as a status with its meaning', (status, label, meaning) => {
    render(<StatusPill status={status} />);
    const pill = screen.getByRole('status');
    expect(pill).toHaveTextContent(label);
    expect(pill).toHaveAccessibleName(expect.stringMatching(meaning));
    expect(pill).toHaveAttribute('data-status', status);
  });

  test('a specific reason replaces the general meaning', () => {
    render(<StatusPill status="no-data" reason="No samples in the last 5m." />);
    expect(screen.getByRole('status')).toHaveAccessibleName('KPI status: No data. No samples in the last 5m.');
  });

  test('no-data and no-traffic never share the look of OK', () => {
    const ok = STATUS_LOOKS.ok;
    for (const status of ['no-data', 'no-traffic', 'maintenance'] as const) {
      expect(STATUS_LOOKS[status].color).not.toBe(ok.color);
      expect(STATUS_LOOKS[status].icon).not.toBe(ok.icon);
    }
  });
});
