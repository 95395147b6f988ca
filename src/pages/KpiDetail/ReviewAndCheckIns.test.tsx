import React from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { config } from '@grafana/runtime';
import { OrgRole } from '@grafana/data';
import { testIds } from '../../components/testIds';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { instantAnswers, setUpPages, type DsQueryFetch } from '../../testing/pageEnvironment';
import KpiDetail from './KpiDetail';
import { localDay } from './localDay';

const mockFetch = jest.fn((request: DsQueryFetch) => instantAnswers(request, () => 0.0005));
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

const reviewed = checkoutKpi({ review: { every: '90d', last: '2026-01-05' } });
const HTML_NOTE = '<img src=x onerror=alert(1)> dip after INC-123';

function renderPage(role = OrgRole.Admin, extra: Record<string, unknown> = {}, login = 'alice') {
  const settings = setUpPages({
    role,
    jsonData: {
      catalog: { apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis: [reviewed] },
      history: { [reviewed.id]: [reviewed] },
      revision: 'r1',
      ...extra,
    },
  });
  config.bootData.user.login = login;
  render(
    <MemoryRouter
      initialEntries={[`/kpi/${reviewed.id}`]}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      <Routes>
        <Route path="kpi/:id" element={<KpiDetail />} />
      </Routes>
    </MemoryRouter>
  );
  return settings;
}

describe('review and check-ins on the KPI page', () => {
  test('an Admin marks the KPI reviewed: today, by them, and the version history gains no entry', async () => {
    const settings = renderPage();
    const review = await screen.findByTestId(testIds.review.section);
    expect(within(review).getByText('2026-01-05')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.review.overdue)).toHaveTextContent('Review overdue since 2026-04-05');
    fireEvent.click(screen.getByTestId(testIds.review.markReviewed));
    await waitFor(() => expect(screen.getByTestId(testIds.review.reviewer)).toHaveTextContent('alice'));
    expect(within(screen.getByTestId(testIds.review.section)).getByText(localDay())).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.review.overdue)).toBeNull();
    const stored = settings.current().jsonData as { catalog: { kpis: Array<{ version: number; review: unknown }> } };
    expect(stored.catalog.kpis[0]).toMatchObject({
      version: 3,
      review: { every: '90d', last: localDay(), by: 'alice' },
    });
    expect((settings.current().jsonData.history as Record<string, unknown[]>)[reviewed.id]).toHaveLength(1);
    expect(within(screen.getByTestId(testIds.kpiDetail.history)).getAllByRole('listitem')).toHaveLength(1);
  });

  test('a Viewer is told why there is no Mark reviewed and no check-in form', async () => {
    renderPage(OrgRole.Viewer);
    expect(await screen.findByTestId(testIds.review.unavailable)).toHaveTextContent(
      'Only Admins can mark a KPI reviewed.'
    );
    expect(screen.queryByTestId(testIds.review.markReviewed)).toBeNull();
    expect(screen.queryByTestId(testIds.checkIns.add)).toBeNull();
    expect(screen.getByTestId(testIds.checkIns.unavailable)).toHaveTextContent(
      "Only an Admin or the KPI's owner (team-payments) can add check-ins"
    );
  });

  test('an Editor whose login is the KPI’s owner adds a check-in without the app’s write permission', async () => {
    // Grafana's Editor role holds annotations:create; plugins:write (the catalog's settings) it does not.
    const settings = renderPage(OrgRole.Editor, {}, 'team-payments');
    fireEvent.change(await screen.findByTestId(testIds.checkIns.text), { target: { value: 'INC-123 fixed' } });
    fireEvent.click(screen.getByTestId(testIds.checkIns.add));
    await waitFor(() => expect(screen.getAllByTestId(testIds.checkIns.item)).toHaveLength(1));
    expect(settings.annotations.items).toEqual([expect.objectContaining({ text: 'INC-123 fixed' })]);
    expect(settings.current().jsonData.checkins).toBeUndefined();
  });

  test('a provisioned catalog cannot be marked reviewed here, but takes check-ins', async () => {
    renderPage(OrgRole.Admin, { provisioned: true });
    expect(await screen.findByTestId(testIds.review.unavailable)).toHaveTextContent('set review.last in its file');
    expect(screen.getByTestId(testIds.checkIns.add)).toBeInTheDocument();
  });

  test('a check-in with HTML shows as text, newest first, with the login', async () => {
    const settings = renderPage(OrgRole.Admin, {
      checkins: {
        [reviewed.id]: [{ id: 'n1', date: '2026-01-02', text: 'older note', login: 'bob', at: '2026-01-02T10:00:00Z' }],
      },
    });
    const section = await screen.findByTestId(testIds.checkIns.section);
    await within(section).findByText('older note');
    fireEvent.change(screen.getByTestId(testIds.checkIns.text), { target: { value: HTML_NOTE } });
    fireEvent.click(screen.getByTestId(testIds.checkIns.add));
    await waitFor(() => expect(within(section).getAllByTestId(testIds.checkIns.item)).toHaveLength(2));
    const items = within(section).getAllByTestId(testIds.checkIns.item);
    expect(within(items[0]).getByText(HTML_NOTE)).toBeInTheDocument();
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining(`alice · written`),
      expect.stringContaining('bob · written'),
    ]);
    // The new note is a Grafana annotation; the catalog, its revision and the older note in settings are untouched.
    expect(settings.annotations.items).toEqual([
      expect.objectContaining({ text: HTML_NOTE, tags: ['northstar-check-in', `kpi:${reviewed.id}`] }),
    ]);
    const stored = settings.current().jsonData as { revision: string; checkins: Record<string, unknown[]> };
    expect(stored.revision).toBe('r1');
    expect(stored.checkins[reviewed.id]).toHaveLength(1);
  });

  test('a 100 KB note is refused with the KPI and the field, and the text stays in the form', async () => {
    renderPage();
    const text = 'x'.repeat(102_400);
    fireEvent.change(await screen.findByTestId(testIds.checkIns.text), { target: { value: text } });
    fireEvent.click(screen.getByTestId(testIds.checkIns.add));
    expect(await screen.findByTestId(testIds.checkIns.error)).toHaveTextContent(
      'checkIns (checkout-availability).text: is 102,400 characters long; a check-in takes at most 2,000'
    );
    expect(screen.getByTestId(testIds.checkIns.text)).toHaveValue(text);
  });
});
