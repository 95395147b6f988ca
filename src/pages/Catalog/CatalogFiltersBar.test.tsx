import React, { useState } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testIds } from '../../components/testIds';
import { CatalogFiltersBar } from './CatalogFiltersBar';
import { NO_FILTERS, type CatalogFilters } from './catalogView';

const OPTIONS = { owners: ['team-payments'], tags: ['tier-1'], audiences: ['executive'] };

function bar(filters: CatalogFilters, onChange: (change: Partial<CatalogFilters>) => void) {
  return <CatalogFiltersBar filters={filters} clearable={filters.query !== ''} options={OPTIONS} onChange={onChange} />;
}

/** The page's part: it keeps the filters and applies each change the bar hands on. */
function Page({ onChange }: { onChange: (change: Partial<CatalogFilters>) => void }) {
  const [filters, setFilters] = useState(NO_FILTERS);
  return bar(filters, (change) => {
    onChange(change);
    setFilters((current) => ({ ...current, ...change }));
  });
}

describe('the catalog search box', () => {
  test('shows each key at once and hands the typed words on in a transition, the latest words last', async () => {
    const onChange = jest.fn();
    render(<Page onChange={onChange} />);
    const search = screen.getByTestId(testIds.catalog.search);
    await userEvent.type(search, 'pay');
    expect(search).toHaveValue('pay');
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith({ query: 'pay' }));
    expect(search).toHaveValue('pay');
    // Never more hand-ons than keys, never words that were not typed.
    expect(onChange.mock.calls.length).toBeLessThanOrEqual(3);
    onChange.mock.calls.forEach(([change]) => expect(['p', 'pa', 'pay']).toContain(change.query));
  });

  test('a query cleared from outside (Clear filters) replaces what was typed', async () => {
    const onChange = jest.fn();
    const { rerender } = render(bar({ ...NO_FILTERS, query: 'pay' }, onChange));
    expect(screen.getByTestId(testIds.catalog.search)).toHaveValue('pay');
    rerender(bar(NO_FILTERS, onChange));
    expect(screen.getByTestId(testIds.catalog.search)).toHaveValue('');
  });

  test('Clear filters is out of reach while nothing is filtered, and clears every filter once something is', async () => {
    const onChange = jest.fn();
    const { rerender } = render(bar(NO_FILTERS, onChange));
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    rerender(bar({ ...NO_FILTERS, query: 'pay', owners: ['team-payments'] }, onChange));
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ query: '', owners: [] }));
  });
});
