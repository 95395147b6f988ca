import { selectors } from '@grafana/e2e-selectors';
import { HOST_PANEL_TEST_ID, PANEL_PAGE_PATH, SCENARIOS_API_PATH } from './host/hostContract';
import { startCheckoutPrometheus } from './host/testPrometheus';
import { expect, test } from './fixtures';
import { EXAMPLE_CATALOG, startOwnHost } from './ownHost';

const checkoutPanel = `${PANEL_PAGE_PATH}?scenario=checkout-availability`;

interface DsQueryAnswer {
  results: Record<string, { status: number; frames: Array<{ data: { values: unknown[][] } }> }>;
}

test.describe('the KPI panel in the plugin host', () => {
  test('receives data from the real Prometheus through /api/ds/query', async ({ page, openHostPage, pageProblems }) => {
    const answer = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/ds/query');
    await openHostPage(checkoutPanel);

    const response = await answer;
    const { results } = (await response.json()) as DsQueryAnswer;
    expect(response.status()).toBe(200);
    for (const refId of ['good', 'total']) {
      expect(results[refId].frames[0].data.values[1].length).toBeGreaterThan(100);
    }
    const panel = page.getByTestId(HOST_PANEL_TEST_ID);
    await expect(panel).toHaveAttribute('data-state', 'Done');
    await expect(panel).toHaveAttribute('data-frames', '2');
    await expect(panel.getByTestId(selectors.components.Panels.Panel.status('error'))).toHaveCount(0);
    expect(pageProblems).toEqual([]);
  });

  test('a scenario posted by a test renders; one failing refId makes the state Error, the other data stays', async ({
    page,
    request,
    hostUrl,
    openHostPage,
  }) => {
    const posted = await request.post(`${hostUrl}${SCENARIOS_API_PATH}`, {
      data: {
        name: 'checkout-with-a-broken-query',
        title: 'Checkout, total query broken',
        timeRange: { from: 'now-1h', to: 'now' },
        queries: [
          { refId: 'good', expr: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))' },
          { refId: 'total', expr: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval])' },
        ],
        options: { view: 'stat', source: 'manual', goodRefId: 'good', totalRefId: 'total' },
      },
    });
    expect(posted.status()).toBe(201);

    await openHostPage((await posted.json()).url);

    const panel = page.getByTestId(HOST_PANEL_TEST_ID);
    await expect(panel).toHaveAttribute('data-state', 'Error');
    await expect(panel).toHaveAttribute('data-frames', '1');
    await panel.getByTestId(selectors.components.Panels.Panel.status('error')).hover();
    await expect(page.getByRole('tooltip')).toContainText('bad_data: ');
  });

  test('with Prometheus stopped the panel page shows an error state, not a blank page', async ({
    page,
    openHostPage,
    pageProblems,
  }) => {
    // A Prometheus and a host of its own: stopping the shared Prometheus would take the other tests' data away.
    // Starting both (a backfill, and a host page that now bundles Grafana's query editors) takes most of the
    // default 30 s on 2 cores, so this test has more.
    test.setTimeout(90_000);
    const prometheus = await startCheckoutPrometheus();
    const host = await startOwnHost({ name: 'panel', prometheusUrl: prometheus.url, catalog: EXAMPLE_CATALOG });
    try {
      await openHostPage(checkoutPanel, { hostUrl: host.url });
      const panel = page.getByTestId(HOST_PANEL_TEST_ID);
      await expect(panel).toHaveAttribute('data-state', 'Done');

      await prometheus.stop();
      await openHostPage(checkoutPanel, { hostUrl: host.url });

      await expect(panel).toHaveAttribute('data-state', 'Error');
      await expect(panel).toHaveAttribute('data-frames', '0');
      await expect(panel.getByText('Checkout availability')).toBeVisible();
      const status = panel.getByTestId(selectors.components.Panels.Panel.status('error'));
      await expect(status).toBeVisible();
      await status.hover();
      await expect(page.getByRole('tooltip')).toContainText('connect: connection refused');
      expect(pageProblems).toEqual([]);
    } finally {
      await host.stop();
      await prometheus.stop();
    }
  });
});
