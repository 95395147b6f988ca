import { compositeNorthstarPanel } from '../dashboards/panels';
import { compositeKpi } from '../testing/compositeKpi';
import { evaluatePanel, type PanelInput } from './evaluatePanel';
import { resolveKpiSpec, specForKpi, type KpiSpec } from './kpiSpec';
import {
  catalogKpi,
  DAY,
  END_MS,
  handWorkedFrames,
  labelledRateFrame,
  HOUR,
  instantFrame,
  manualOptions,
  MINUTE,
  pageFrames,
  perRouteFrames,
  perRouteKpi,
  rateFrame,
  STEP_MS,
  STEPS_28D,
} from '../testing/panelFixtures';
import type { CompositeKpiDefinition, KpiDefinition } from '../kpi/model';
import { defaultKpiPanelOptions, type KpiPanelOptions } from './panelOptions';
import type { CatalogState } from './appCatalog';

function specOf(options: KpiPanelOptions): KpiSpec {
  const result = resolveKpiSpec(options, { status: 'idle' });
  if (!result.ok) {
    throw new Error(result.problem.title);
  }
  return result.value;
}

const input = (series: PanelInput['series'], rangeMs = 28 * DAY): PanelInput => ({
  series,
  timeRange: { fromMs: END_MS - rangeMs, toMs: END_MS },
});

function evaluated(options: KpiPanelOptions, panelInput: PanelInput) {
  const result = evaluatePanel(specOf(options), panelInput);
  if (!result.ok) {
    throw new Error(`${result.problem.title}: ${result.problem.detail}`);
  }
  return result.value;
}

describe('options -> evaluation, hand-worked', () => {
  test('99.9 %, 1,000,000 requests, 600 bad 28 days ago: budget 1,000, 40 % left, burn 0.6x, OK', () => {
    const { evaluation, sliMeetsTarget, stepMs } = evaluated(manualOptions(), input(handWorkedFrames()));
    expect(stepMs).toBe(STEP_MS);
    expect(evaluation.slo.total).toBeCloseTo(1_000_000, 6);
    expect(evaluation.slo.bad).toBeCloseTo(600, 6);
    expect(evaluation.errorBudget).toBeCloseTo(1000, 6); // (1 − 0.999) × 1,000,000
    expect(evaluation.budgetRemaining).toBeCloseTo(0.4, 9); // 1 − 600 / 1,000
    expect(evaluation.burnRates['28d']).toBeCloseTo(0.6, 9); // (600 / 1,000,000) / 0.001
    expect(evaluation.sli).toBeCloseTo(0.9994, 12);
    expect(evaluation.burnRates['5m']).toBe(0);
    expect(evaluation.coverage).toBe(1);
    expect(evaluation.status).toBe('ok');
    expect(sliMeetsTarget).toBe(true);
    expect(evaluation.timeToExhaustionMs).toBeNull();
  });

  test('the last hour at 2 % errors pages: 20x over 5m and 1h against 13.44x', () => {
    const { evaluation } = evaluated(manualOptions(), input(pageFrames()));
    expect(evaluation.burnRates['5m']).toBeCloseTo(20, 9);
    expect(evaluation.burnRates['1h']).toBeCloseTo(20, 9);
    expect(evaluation.decisions[0]).toMatchObject({ firing: true, rule: { severity: 'page' } });
    expect(evaluation.decisions[0].rule.factor).toBeCloseTo(13.44, 12);
    expect(evaluation.status).toBe('page');
    // 8,064 × 3,000 = 24,192,000 requests, budget 24,192; 12 × 60 = 720 spent: lasts 28d × (1 − 720/24,192) / 20
    expect(evaluation.budgetRemaining).toBeCloseTo(1 - 720 / 24_192, 9);
    expect(evaluation.timeToExhaustionMs).toBeCloseTo((28 * DAY * (1 - 720 / 24_192)) / 20, 0);
  });

  test('the refId mapping decides which frame is good and which is total', () => {
    const { evaluation } = evaluated(
      manualOptions({ goodRefId: 'good', totalRefId: 'total' }),
      input(handWorkedFrames(['good', 'total']))
    );
    expect(evaluation.budgetRemaining).toBeCloseTo(0.4, 9);
  });

  test('a threshold KPI: slices, latest value and the delta vs the previous period', () => {
    // 1h window at 1m; 2h of p95 latency: 200 ms for the first hour, 250 ms for the second, one slow minute at the end
    const values = [...new Array(60).fill(0.2), ...new Array(59).fill(0.25), 0.4];
    const series = [rateFrame('A', values, MINUTE)];
    const options = manualOptions({
      indicatorType: 'threshold',
      comparator: '<',
      threshold: 0.3,
      targetPercent: 95,
      window: '1h',
    });
    const { evaluation, threshold } = evaluated(options, input(series, 2 * HOUR));

    expect(evaluation.sli).toBeCloseTo(59 / 60, 12); // 59 good minutes of 60
    expect(evaluation.budgetRemaining).toBeCloseTo(1 - 1 / 3, 9); // 1 bad of (1 − 0.95) × 60 = 3 allowed
    expect(threshold).toMatchObject({ latest: 0.4, latestMeets: false, direction: 'worse' });
    expect(threshold!.comparison.current).toBeCloseTo((59 * 0.25 + 0.4) / 60, 12);
    expect(threshold!.comparison.previous).toBeCloseTo(0.2, 12);
  });

  test('the burndown is computed only for the burndown view, and ends at the budget remaining', () => {
    const spec = specOf(manualOptions());
    const withBurndown = evaluatePanel(spec, { ...input(handWorkedFrames()), withBurndown: true });
    const without = evaluatePanel(spec, input(handWorkedFrames()));
    expect(without.ok && without.value.burndown).toBeUndefined();
    const burndown = withBurndown.ok ? withBurndown.value.burndown : undefined;
    expect(burndown?.remaining[burndown.remaining.length - 1]).toBeCloseTo(0.4, 9);
  });
});

describe('evaluatePanel: problems', () => {
  const spec = specOf(manualOptions());

  test('a failed query of the KPI is shown with its message', () => {
    const result = evaluatePanel(spec, {
      ...input([]),
      queryErrors: [{ refId: 'B', message: 'parse error at char 5' }],
    });
    expect(!result.ok && result.problem).toMatchObject({
      code: 'query-error',
      title: 'Query "B" failed',
      detail: 'parse error at char 5',
    });
  });

  test('no queries at all asks for them, naming the refIds', () => {
    const result = evaluatePanel(spec, input([]));
    expect(!result.ok && result.problem.detail).toMatch(
      /^Add queries with refIds "A" \(good events per second\) and "B"/
    );
  });

  test('queries that returned nothing are no data, not a mistake', () => {
    const result = evaluatePanel(spec, { ...input([]), queriedRefIds: ['A', 'B'], fallbackStepMs: STEP_MS });
    expect(result.ok && result.value.evaluation.status).toBe('no-data');
  });

  test('a missing refId names it', () => {
    const result = evaluatePanel(spec, input(handWorkedFrames().slice(0, 1)));
    expect(!result.ok && result.problem.title).toBe('Query "B" is missing');
  });
});

describe('a catalog KPI with maintenance windows', () => {
  const evaluateWith = (maintenance: KpiDefinition['maintenance']) => {
    const result = evaluatePanel(specForKpi(catalogKpi({ maintenance }), ['A', 'B'], true), {
      ...input(pageFrames()),
      withBurndown: true,
    });
    if (!result.ok) {
      throw new Error(result.problem.detail);
    }
    return result.value;
  };

  test('the last hour at 2 % errors inside maintenance: no page, nothing spent, the KPI reads maintenance', () => {
    // 11:00–12:30 masks the 12 steps (11:00, 12:00], exactly the bad hour; 12:00 is inside the window.
    const { evaluation, burndown } = evaluateWith([
      { start: '2026-11-01T11:00:00Z', end: '2026-11-01T12:30:00Z', reason: 'database upgrade' },
    ]);
    expect(evaluation.status).toBe('maintenance');
    expect(evaluation.decisions.some((d) => d.firing)).toBe(false);
    // (8,064 − 12) × 3,000 = 24,156,000 events, none bad: the whole budget is left.
    expect(evaluation.slo.total).toBeCloseTo(24_156_000, 3);
    expect(evaluation.budgetRemaining).toBeCloseTo(1, 12);
    expect([evaluation.slo.excludedSteps, evaluation.slo.expectedSteps]).toEqual([12, 8052]);
    expect(burndown!.remaining.at(-1)).toBeCloseTo(1, 12);
  });

  test('a window that ended before the outage leaves its steps out but pages as before', () => {
    const { evaluation } = evaluateWith([{ cron: '0 10 * * *', duration: '1h', reason: 'nightly reindex' }]);
    expect(evaluation.status).toBe('page');
    // 28 daily 10:00–11:00 windows of 12 steps each: 336 steps out of 8,064.
    expect(evaluation.slo.excludedSteps).toBe(336);
    expect(evaluation.burnRates['1h']).toBeCloseTo(20, 9);
  });
});

describe('a calendar month, hand-worked', () => {
  // 15 November 2026, 00:00 UTC: 14 days into the month. 32 days of 5m steps, 1,000 requests each: October fails
  // half of them, November 1 in 1,000.
  const endMs = Date.UTC(2026, 10, 15);
  const novemberMs = Date.UTC(2026, 10, 1);
  const steps = (32 * DAY) / STEP_MS;
  const timeOf = (i: number) => endMs - (steps - 1 - i) * STEP_MS;
  const perStep = (events: (t: number) => number) =>
    Array.from({ length: steps }, (_, i) => events(timeOf(i)) / (STEP_MS / 1000));
  const frames = [
    rateFrame(
      'A',
      perStep((t) => (t > novemberMs ? 999 : 500)),
      STEP_MS,
      endMs
    ),
    rateFrame(
      'B',
      perStep(() => 1000),
      STEP_MS,
      endMs
    ),
  ];
  const monthly = catalogKpi({ objective: { target: 0.99, window: { calendar: 'month', timeZone: 'UTC' } } });
  const monthInput: PanelInput = { series: frames, timeRange: { fromMs: endMs - 32 * DAY, toMs: endMs } };

  test('budget and SLI count from the 1st: 99.9 % against 99 %, a 0.1x burn, 90 % of the budget left', () => {
    const result = evaluatePanel(specForKpi(monthly, ['A', 'B'], true), monthInput);
    if (!result.ok) {
      throw new Error(result.problem.detail);
    }
    const { evaluation, spec } = result.value;
    expect(spec.window).toBe('this month');
    expect(evaluation.slo.window).toBe('this month');
    expect(evaluation.slo.windowMs).toBe(14 * DAY);
    expect(evaluation.sli).toBeCloseTo(0.999, 12);
    expect(evaluation.budgetRemaining).toBeCloseTo(0.9, 12);
    expect(evaluation.status).toBe('ok');
    // 90 % left at 0.1x, where 1x spends the budget over the nominal 30 days: 270 days.
    expect(evaluation.timeToExhaustionMs).toBeCloseTo(270 * DAY, -3);
  });

  test('the same data over a rolling 30d window holds October: the budget is spent many times over', () => {
    const rolling = catalogKpi({ objective: { target: 0.99, window: '30d' } });
    const result = evaluatePanel(specForKpi(rolling, ['A', 'B'], true), monthInput);
    expect(result.ok && result.value.evaluation.budgetRemaining).toBeLessThan(-10);
  });

  test('an hour into the month only that hour counts: 12 steps at 99 %, a 1x burn, nothing left', () => {
    const hourEndMs = novemberMs + HOUR;
    const at = (i: number) => hourEndMs - (steps - 1 - i) * STEP_MS;
    const good = Array.from({ length: steps }, (_, i) => (at(i) > novemberMs ? 990 : 500) / (STEP_MS / 1000));
    const result = evaluatePanel(specForKpi(monthly, ['A', 'B'], true), {
      series: [
        rateFrame('A', good, STEP_MS, hourEndMs),
        rateFrame(
          'B',
          perStep(() => 1000),
          STEP_MS,
          hourEndMs
        ),
      ],
      timeRange: { fromMs: hourEndMs - 32 * DAY, toMs: hourEndMs },
    });
    if (!result.ok) {
      throw new Error(result.problem.detail);
    }
    expect(result.value.evaluation.slo.windowMs).toBe(HOUR);
    expect(result.value.evaluation.sli).toBeCloseTo(0.99, 12);
    expect(result.value.evaluation.budgetRemaining).toBeCloseTo(0, 12);
  });
});

describe('a 90d KPI read at 15m steps, its 5m window from instant counts', () => {
  // 90d at 5m would be 25,920 points a series, above Prometheus' 11,000: the range comes at 15m steps (8,640).
  const stepMs = 15 * MINUTE;
  const steps = (90 * DAY) / stepMs;
  const kpi = catalogKpi({ objective: { target: 0.999, window: '90d' } });
  const spec = specForKpi(kpi, ['good', 'total'], true);
  // 9,000 requests a step (10/s), 0.05 % failing: a 0.5x burn on every window the grid answers, half the budget left.
  const range = [
    rateFrame('good', new Array(steps).fill((9000 - 4.5) / 900), stepMs),
    rateFrame('total', new Array(steps).fill(10), stepMs),
  ];
  const run = (series: PanelInput['series'], queriedRefIds?: string[]) => {
    const result = evaluatePanel(spec, { ...input(series, 90 * DAY), queriedRefIds });
    if (!result.ok) {
      throw new Error(result.problem.title);
    }
    return result.value.evaluation;
  };

  test('without the counts the 5m window has no data, and so has the KPI', () => {
    const evaluation = run(range);
    expect(evaluation.windows.find((w) => w.window === '5m')?.state).toBe('no-data');
    expect(evaluation.status).toBe('no-data');
  });

  test('with them: 3,000 requests in the last 5m, 30 failed, is (30 / 3,000) / 0.001 = 10x; the rest stays 0.5x', () => {
    const evaluation = run([...range, instantFrame('good@5m', 2970), instantFrame('total@5m', 3000)]);
    expect(evaluation.burnRates['5m']).toBeCloseTo(10, 9);
    expect(evaluation.burnRates['1h']).toBeCloseTo(0.5, 9);
    expect(evaluation.budgetRemaining).toBeCloseTo(0.5, 9);
    // Over 90d the fast page row asks for 2 % of the budget in 1h: 0.02 × 90d / 1h = 43.2x on both windows.
    expect(evaluation.decisions[0]).toMatchObject({ firing: false });
    expect(evaluation.decisions[0].rule.factor).toBeCloseTo(43.2, 9);
    expect(evaluation.status).toBe('ok');
  });

  test('counts asked for but answered with no series read as no data, not as the grid', () => {
    const evaluation = run(range, ['good', 'total', 'good@5m', 'total@5m']);
    expect(evaluation.windows.find((w) => w.window === '5m')).toMatchObject({ state: 'no-data', validSteps: 0 });
  });

  test('a per-label KPI pairs the counts per route: /pay 15 of 300 failed, 50x; /browse 2.7 of 2,700, 1x', () => {
    const routes = perRouteKpi();
    const perLabelSpec = specForKpi(
      { ...routes, objective: { target: 0.999, window: '90d' } },
      ['good', 'total'],
      true
    );
    // On the grid both routes at 0.05 % (0.5x); the counts say what the last 5 minutes did.
    const routeRange = (name: string, perSecond: number) => [
      labelledRateFrame('good', { route: name }, new Array(steps).fill(perSecond * 0.9995), stepMs),
      labelledRateFrame('total', { route: name }, new Array(steps).fill(perSecond), stepMs),
    ];
    const routeCount = (refId: string, name: string, value: number) => {
      const frame = instantFrame(refId, value);
      frame.fields[1].labels = { route: name };
      return frame;
    };
    const result = evaluatePanel(
      perLabelSpec,
      input(
        [
          ...routeRange('/pay', 1),
          ...routeRange('/browse', 9),
          routeCount('good@5m', '/pay', 285),
          routeCount('total@5m', '/pay', 300),
          routeCount('good@5m', '/browse', 2697.3),
          routeCount('total@5m', '/browse', 2700),
        ],
        90 * DAY
      )
    );
    if (!result.ok) {
      throw new Error(result.problem.detail);
    }
    const { evaluation, perLabel } = result.value;
    const [pay, browse] = perLabel!.instances;
    expect([pay.name, browse.name]).toEqual(['/pay', '/browse']);
    expect(pay.evaluation.burnRates['5m']).toBeCloseTo(50, 9); // (15 / 300) / 0.001
    expect(browse.evaluation.burnRates['5m']).toBeCloseTo(1, 9); // (2.7 / 2,700) / 0.001
    expect(pay.evaluation.burnRates['1h']).toBeCloseTo(0.5, 9); // the grid's 0.05 %
    // The whole KPI: (15 + 2.7) / 3,000 = 0.0059 of the last 5 minutes failed, 5.9x.
    expect(evaluation.burnRates['5m']).toBeCloseTo(5.9, 9);
  });
});

describe('per-label KPIs', () => {
  test('the aggregate of both routes is the evaluation; the instances come worst first', () => {
    const result = evaluatePanel(specForKpi(perRouteKpi(), ['A', 'B'], true), input(perRouteFrames()));
    if (!result.ok) {
      throw new Error(result.problem.detail);
    }
    const { evaluation, perLabel } = result.value;
    // 5.9 bad of 1,000 per step: SLI 0.9941, 5.9x the 0.1 % budget.
    expect(evaluation.sli).toBeCloseTo(0.9941, 9);
    expect(evaluation.burnRates['1h']).toBeCloseTo(5.9, 9);
    expect(perLabel?.instances.map((i) => i.name)).toEqual(['/pay', '/browse']);
    expect(perLabel?.instances[0].evaluation.burnRates['1h']).toBeCloseTo(50, 9); // 5 % / 0.1 %
    expect(perLabel?.instances[1].evaluation.burnRates['1h']).toBeCloseTo(1, 9); // 0.1 % / 0.1 %
    expect(perLabel?.groupBy).toEqual(['route']);
    expect(perLabel?.capWarning).toBeUndefined();
  });

  test('from recorded series that keep the route it reads per route, as from its own queries', () => {
    const result = evaluatePanel(specForKpi(perRouteKpi(), ['A', 'B'], true, true), input(perRouteFrames()));
    expect(result.ok && result.value.evaluation.sli).toBeCloseTo(0.9941, 9);
    expect(result.ok && result.value.perLabel?.instances.map((i) => i.name)).toEqual(['/pay', '/browse']);
  });

  test('from recorded series summed over the KPI (no route label) it reads as a whole without instances', () => {
    const unlabelled = perRouteFrames().map((frame) => ({
      ...frame,
      fields: frame.fields.map((field) => ({ ...field, labels: { kpi_id: 'checkout-routes' } })),
    }));
    const result = evaluatePanel(specForKpi(perRouteKpi(), ['A', 'B'], true, true), input(unlabelled));
    expect(result.ok && result.value.perLabel).toBeUndefined();
    expect(result.ok && result.value.evaluation.sli).toBeCloseTo(0.9941, 9); // the frames summed, as sum() would
  });

  test('above maxInstances the panel warns with the field and the count', () => {
    const result = evaluatePanel(specForKpi(perRouteKpi(1), ['A', 'B'], true), input(perRouteFrames()));
    expect(result.ok && result.value.perLabel?.capWarning).toBe(
      'checkout-routes: 2 instances, more than indicator.maxInstances (1); the aggregate counts them all, the 1 with the least budget left are listed'
    );
    expect(result.ok && result.value.perLabel?.instances.map((i) => i.name)).toEqual(['/pay']);
  });
});

describe('a composite KPI in the panel', () => {
  // Checkout (99.9 % target) and login (99.5 %) as members with weights 1 and 3 of a composite at 99 % over 28d.
  // Over every window checkout fails 2 of 1,000 requests and login 1 of 1,000: SLI (1 × 0.998 + 3 × 0.999) / 4 =
  // 0.99875, a burn of (1 − 0.99875) / 0.01 = 0.125x whatever the members' own targets.
  const login = catalogKpi({ id: 'login-success', name: 'Login success', objective: { target: 0.995, window: '1d' } });
  const composite: CompositeKpiDefinition = compositeKpi({ 'checkout-availability': 1, 'login-success': 3 });
  const catalog: CatalogState = {
    status: 'loaded',
    catalog: { kpis: [catalogKpi(), login, composite], problems: [] },
  };
  const spec = (() => {
    const result = resolveKpiSpec({ ...defaultKpiPanelOptions, source: 'catalog', kpiId: 'journey' }, catalog);
    if (!result.ok) {
      throw new Error(result.problem.title);
    }
    return result.value;
  })();
  const member = (prefix: string, badPerThousand: number) => [
    rateFrame(`${prefix}good`, new Array(STEPS_28D).fill((1000 - badPerThousand) / 300)),
    rateFrame(`${prefix}total`, new Array(STEPS_28D).fill(1000 / 300)),
  ];

  test('reads each member from its prefixed queries and combines them: 99.875 %, 0.125x', () => {
    const result = evaluatePanel(spec, input([...member('m0-', 2), ...member('m1-', 1)]));
    if (!result.ok) {
      throw new Error(result.problem.detail);
    }
    const { evaluation } = result.value;
    expect(evaluation.sli).toBeCloseTo(0.99875, 12);
    expect(evaluation.burnRates['1h']).toBeCloseTo(0.125, 9);
    expect(evaluation.budgetRemaining).toBeCloseTo(0.875, 9);
    expect(evaluation.errorBudget).toBeNull();
    expect(evaluation.status).toBe('ok');
  });

  test('a member whose queries are missing is named in the problem', () => {
    const result = evaluatePanel(spec, input(member('m0-', 2)));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.title).toBe("Login success: Add the KPI's queries");
    expect(!result.ok && result.problem.detail).toMatch(/refIds start with "m1-"\.$/);
  });
});

describe('a 90d composite read from its dashboard panel: members at 15m steps, their 5m windows from instant counts', () => {
  // Checkout (weight 1) and login (weight 3) in a composite at 99 % over 90d. At 15m steps each member sends 9,000
  // requests a step (10/s): checkout fails 18 (0.2 %), login 9 (0.1 %). In the last 5m the instant counts say
  // checkout failed 30 of 3,000 (1 %) and login 3 of 3,000 (0.1 %).
  const stepMs = 15 * MINUTE;
  const steps = (90 * DAY) / stepMs;
  const login = catalogKpi({ id: 'login-success', name: 'Login success' });
  const journey: CompositeKpiDefinition = compositeKpi(
    { 'checkout-availability': 1, 'login-success': 3 },
    { objective: { target: 0.99, window: '90d' } }
  );
  const catalog: CatalogState = { status: 'loaded', catalog: { kpis: [catalogKpi(), login, journey], problems: [] } };
  const panel = compositeNorthstarPanel(journey, [{ kpi: catalogKpi() }, { kpi: login }], 'Journey', () => ({}), {
    w: 24,
    h: 8,
  });
  const refIds = (panel.targets ?? []).map((target) => String(target.refId));
  const member = (prefix: string, badPerStep: number) => [
    rateFrame(`${prefix}good`, new Array(steps).fill((9000 - badPerStep) / 900), stepMs),
    rateFrame(`${prefix}total`, new Array(steps).fill(10), stepMs),
  ];

  test("the panel asks for each member's 5m counts under its own prefix", () => {
    expect(refIds).toEqual([
      'm0-good',
      'm0-total',
      'm0-good@5m',
      'm0-total@5m',
      'm1-good',
      'm1-total',
      'm1-good@5m',
      'm1-total@5m',
    ]);
  });

  test('5m: (1 × 0.99 + 3 × 0.999) / 4 = 0.99675, a 0.325x burn; 1h from the grid: 0.99875, 0.125x', () => {
    const spec = resolveKpiSpec({ ...defaultKpiPanelOptions, source: 'catalog', kpiId: 'journey' }, catalog);
    if (!spec.ok) {
      throw new Error(spec.problem.title);
    }
    const series = [
      ...member('m0-', 18),
      instantFrame('m0-good@5m', 2970),
      instantFrame('m0-total@5m', 3000),
      ...member('m1-', 9),
      instantFrame('m1-good@5m', 2997),
      instantFrame('m1-total@5m', 3000),
    ];
    const result = evaluatePanel(spec.value, { ...input(series, 90 * DAY), queriedRefIds: refIds });
    if (!result.ok) {
      throw new Error(result.problem.detail);
    }
    const { evaluation } = result.value;
    expect(evaluation.windows.find((w) => w.window === '5m')?.sli).toBeCloseTo(0.99675, 12);
    expect(evaluation.burnRates['5m']).toBeCloseTo(0.325, 9); // (1 − 0.99675) / 0.01
    expect(evaluation.burnRates['1h']).toBeCloseTo(0.125, 9); // (1 − (0.998 + 3 × 0.999) / 4) / 0.01
    expect(evaluation.status).toBe('ok');
  });

  test('without the counts the 5m window, and so the composite, has no data', () => {
    const spec = resolveKpiSpec({ ...defaultKpiPanelOptions, source: 'catalog', kpiId: 'journey' }, catalog);
    const result = spec.ok && evaluatePanel(spec.value, input([...member('m0-', 18), ...member('m1-', 9)], 90 * DAY));
    expect(result && result.ok && result.value.evaluation.status).toBe('no-data');
  });
});
