import React from 'react';
import { MemoryRouter } from 'react-router-dom';
import { render as renderBare, screen, within } from '@testing-library/react';
import { testIds } from '../../components/testIds';
import type { CatalogRowResult } from '../../data/catalogQuery';
import type { CatalogKpi } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { conversionKpi } from '../../testing/valueKpis';
import { DriversSection } from './DriversSection';
import type { DriversLive } from './useDriversLive';

/** TextLink needs a router, as in the app. */
const inRouter = (ui: React.ReactElement) => (
  <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>{ui}</MemoryRouter>
);
const render = (ui: React.ReactElement) => {
  const rendered = renderBare(inRouter(ui));
  return { rerender: (next: React.ReactElement) => rendered.rerender(inRouter(next)) };
};

const day = (date: number) => Date.UTC(2026, 10, date);
const conversion: CatalogKpi = { ...conversionKpi(), name: 'Checkout conversion', drivenBy: ['search', 'checkout'] };
const search = checkoutKpi({ id: 'search', name: 'Search latency' });
const checkout = checkoutKpi({ id: 'checkout', name: 'Checkout availability' });

/** A catalog result with only what the figures read: the status and the budget left. */
const sloResult = (kpiId: string, status: string, budgetRemaining: number) =>
  ({ kpiId, evaluation: { status, budgetRemaining, sli: 0.99 } }) as unknown as CatalogRowResult;

const done: DriversLive = {
  status: 'done',
  results: new Map([
    ['search', sloResult('search', 'ok', 0.62)],
    ['checkout', sloResult('checkout', 'budget-exhausted', -0.4)],
  ]),
  badDays: new Map([
    ['search', [day(20)]],
    ['checkout', [day(11), day(12), day(14)]],
  ]),
};

describe('the KPI page’s drivers section', () => {
  test('each driver with its status and budget left, linked to its page', () => {
    render(<DriversSection kpi={conversion} drivers={[search, checkout]} live={done} offTarget={{ days: [] }} />);
    const rows = screen.getAllByTestId(testIds.drivers.driver);
    expect(rows.map((row) => row.getAttribute('data-kpi-id'))).toEqual(['search', 'checkout']);
    expect(within(rows[0]).getByRole('link', { name: 'Search latency' })).toHaveAttribute(
      'href',
      '/a/northstar-kpi-app/kpi/search'
    );
    expect(rows[0]).toHaveTextContent('62% budget left');
    expect(within(rows[1]).getByText('Budget exhausted')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('-40% budget left');
    expect(screen.getByTestId(testIds.drivers.overlap)).toHaveTextContent(
      'Checkout conversion was not off target on any day of its window'
    );
  });

  test('the drivers whose burn overlapped the off-target days come first, worded as a correlation', () => {
    render(
      <DriversSection
        kpi={conversion}
        drivers={[search, checkout]}
        live={done}
        offTarget={{ days: [day(12), day(14), day(15)] }}
      />
    );
    const overlap = screen.getByTestId(testIds.drivers.overlap);
    expect(overlap).toHaveTextContent('Checkout conversion was off target on 3 days: 12 Nov, 14 Nov, 15 Nov.');
    const lines = within(overlap)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(lines).toEqual([
      'Checkout availability burned budget on 2 of the 3 off-target days (12 Nov, 14 Nov): the two overlapped in time.',
      'Search latency burned budget on 1 day, none of which coincided with them.',
    ]);
    expect(overlap).toHaveTextContent('a correlation, not a cause');
  });

  test('a value driver is compared by the days it missed its target, not skipped', () => {
    const basket = { ...conversionKpi(), id: 'basket', name: 'Basket size' };
    const live: DriversLive = {
      status: 'done',
      results: new Map(),
      badDays: new Map([
        ['checkout', [day(12)]],
        ['basket', [day(12), day(14)]],
      ]),
    };
    render(
      <DriversSection
        kpi={conversion}
        drivers={[checkout, basket]}
        live={live}
        offTarget={{ days: [day(12), day(14)] }}
      />
    );
    const lines = within(screen.getByTestId(testIds.drivers.overlap))
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(lines).toEqual([
      'Basket size missed its target on both off-target days (12 Nov, 14 Nov): the two overlapped in time.',
      'Checkout availability burned budget on 1 of the 2 off-target days (12 Nov): the two overlapped in time.',
    ]);
  });

  test('while the drivers load the section says so; when the KPI’s own reading failed it says why', () => {
    const { rerender } = render(
      <DriversSection
        kpi={conversion}
        drivers={[search, checkout]}
        live={{ status: 'loading' }}
        offTarget={{ days: [] }}
      />
    );
    expect(screen.getByTestId(testIds.drivers.overlap)).toHaveTextContent('Reading the days');
    rerender(
      <DriversSection
        kpi={conversion}
        drivers={[search, checkout]}
        live={done}
        offTarget={{ unavailable: 'This KPI’s own queries failed, so its days are unknown: timeout' }}
      />
    );
    expect(screen.getByTestId(testIds.drivers.overlap)).toHaveTextContent('its days are unknown: timeout');
  });
});
