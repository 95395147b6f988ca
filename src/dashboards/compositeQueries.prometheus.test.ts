import type { Panel, RowPanel } from '@grafana/schema';
import { compositeKpi } from '../testing/compositeKpi';
import { describeWithPrometheus, startPrometheus, type RunningPrometheus } from '../testing/prometheusServer';
import { buildCompositeOnCallDashboard } from './oncallComposite';
import { ratioKpi } from '../testing/dashboardKpis';

const END_SEC = 1_767_225_600;

describeWithPrometheus("a composite's on-call dashboard reads each member's SLI and share of the bad", () => {
  // Over the last 10 minutes checkout serves 1,000 requests a minute and fails 20 (2 %); login serves 1,000 and
  // fails 5 (0.5 %). Weights 1 and 3: weighted bad 1 × 0.02 = 0.02 and 3 × 0.005 = 0.015, so checkout causes
  // 0.02 / 0.035 = 4/7 of the composite's bad and login 3/7, although login has the larger weight.
  const checkout = ratioKpi({
    indicator: {
      type: 'ratio',
      good: 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
      total: 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))',
    },
  });
  const login = ratioKpi({
    id: 'login-success',
    name: 'Login success',
    indicator: {
      type: 'ratio',
      good: 'sum(rate(login_attempts_total{job="login",result="success"}[$__rate_interval]))',
      total: 'sum(rate(login_attempts_total{job="login"}[$__rate_interval]))',
    },
  });
  const journey = compositeKpi({ 'checkout-availability': 1, 'login-success': 3 });
  const dashboard = buildCompositeOnCallDashboard(journey, [
    { kpi: checkout, weight: 1 },
    { kpi: login, weight: 3 },
  ]);
  const panels = (dashboard.panels ?? []).flatMap((panel) =>
    panel.type === 'row' ? ((panel as RowPanel).panels as Panel[]) : [panel as Panel]
  );
  const exprsOf = (title: string) =>
    (panels.find((panel) => panel.title === title)?.targets ?? []).map((target) => (target as { expr: string }).expr);

  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    const samples = Array.from({ length: 21 }, (_, step) => {
      const at = END_SEC - 600 + step * 60;
      const minute = Math.min(step, 10);
      return [
        `http_requests_total{job="checkout",code="200"} ${minute * 980} ${at}`,
        `http_requests_total{job="checkout",code="500"} ${minute * 20} ${at}`,
        `login_attempts_total{job="login",result="success"} ${minute * 995} ${at}`,
        `login_attempts_total{job="login",result="failure"} ${minute * 5} ${at}`,
      ];
    }).flat();
    prometheus = await startPrometheus(
      [
        '# TYPE http_requests counter',
        ...samples.filter((s) => s.startsWith('http')),
        '# TYPE login_attempts counter',
        ...samples.filter((s) => s.startsWith('login')),
        '# EOF',
        '',
      ].join('\n')
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
  });

  async function instant(expr: string): Promise<number[]> {
    const query = expr.replace(/\$window/g, '5m');
    const url = `${prometheus.url}/api/v1/query?query=${encodeURIComponent(query)}&time=${END_SEC}`;
    const body = await (await fetch(url)).json();
    expect(body.status).toBe('success');
    return body.data.result.map((sample: { value: [number, string] }) => Number(sample.value[1]));
  }

  test('the SLI of each member over 5m: 0.98 and 0.995, against the composite target 0.99', async () => {
    const [checkoutSli, loginSli, target] = exprsOf('SLI of each member over $window');
    expect(await instant(checkoutSli)).toEqual([expect.closeTo(0.98, 12)]);
    expect(await instant(loginSli)).toEqual([expect.closeTo(0.995, 12)]);
    expect(await instant(target)).toEqual([0.99]);
  });

  test('the weighted bad: 0.02 and 0.015, whose shares of the stack are 4/7 and 3/7', async () => {
    const [checkoutBad, loginBad] = await Promise.all(exprsOf('Share of the bad per member over $window').map(instant));
    expect(checkoutBad).toEqual([expect.closeTo(0.02, 12)]);
    expect(loginBad).toEqual([expect.closeTo(0.015, 12)]);
    expect(checkoutBad[0] / (checkoutBad[0] + loginBad[0])).toBeCloseTo(4 / 7, 12);
  });

  test('a member without traffic in the window reads 0 / 0 = NaN: no share, neither 0 nor all of it', async () => {
    const [checkoutBad] = exprsOf('Share of the bad per member over $window');
    // The counters stand still for the 10 minutes after END_SEC: no request in the last 5m.
    const query = checkoutBad.replace(/\$window/g, '5m');
    const url = `${prometheus.url}/api/v1/query?query=${encodeURIComponent(query)}&time=${END_SEC + 600}`;
    const body = await (await fetch(url)).json();
    expect(body.data.result.map((sample: { value: [number, string] }) => sample.value[1])).toEqual(['NaN']);
  });
});
