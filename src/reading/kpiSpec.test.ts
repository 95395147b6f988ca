import type { CompositeKpiDefinition } from '../kpi/model';
import { compositeKpi } from '../testing/compositeKpi';
import { resolveKpiSpec } from './kpiSpec';
import { catalogKpi, DAY, manualOptions } from '../testing/panelFixtures';
import { defaultKpiPanelOptions, type KpiPanelOptions } from './panelOptions';
import type { CatalogState } from './appCatalog';

const loaded = (...kpis: Array<ReturnType<typeof catalogKpi>>): CatalogState => ({
  status: 'loaded',
  catalog: { kpis, problems: [] },
});
const catalogOptions = (overrides: Partial<KpiPanelOptions> = {}): KpiPanelOptions => ({
  ...defaultKpiPanelOptions,
  source: 'catalog',
  kpiId: 'checkout-availability',
  ...overrides,
});

function specOf(options: KpiPanelOptions, catalog: CatalogState = { status: 'idle' }) {
  const result = resolveKpiSpec(options, catalog);
  if (!result.ok) {
    throw new Error(`${result.problem.title}: ${result.problem.detail}`);
  }
  return result.value;
}

function problemOf(options: KpiPanelOptions, catalog: CatalogState = { status: 'idle' }) {
  const result = resolveKpiSpec(options, catalog);
  if (result.ok) {
    throw new Error('expected a problem');
  }
  return result.problem;
}

describe('manual options', () => {
  test('99.9 % over 28d with refIds A and B: target 0.999 exactly and the default policy for 28d', () => {
    const spec = specOf(manualOptions());
    expect(spec.target).toBe(0.999);
    expect(spec.windowMs).toBe(28 * DAY);
    expect(spec.queries).toEqual({ type: 'ratio', goodRefId: 'A', totalRefId: 'B' });
    expect(spec.rules.map((r) => Number(r.factor.toFixed(4)))).toEqual([13.44, 5.6, 2.8, 0.9333]);
    expect(spec.policy).toBe('default');
  });

  test('a threshold KPI maps its value query, comparator and threshold', () => {
    const spec = specOf(
      manualOptions({
        indicatorType: 'threshold',
        valueRefId: 'p95',
        comparator: '<=',
        threshold: 0.3,
        window: '1h30m',
      })
    );
    expect(spec.queries).toEqual({ type: 'threshold', valueRefId: 'p95', comparator: '<=', threshold: 0.3 });
    expect(spec.window).toBe('1h30m');
  });

  test.each([
    [120, 'Target 120 % is out of range'],
    [100, 'Target 100 % is out of range'],
    [0, 'Target 0 % is out of range'],
    [-5, 'Target -5 % is out of range'],
    [NaN, 'The target is not a number'],
  ])('a target of %p is refused: "%s"', (targetPercent, title) => {
    const problem = problemOf(manualOptions({ targetPercent }));
    expect(problem.code).toBe('target-out-of-range');
    expect(problem.title).toBe(title);
  });

  test.each(['', '28 days', '0s', '-1d'])('window %p is not a duration', (window) => {
    expect(problemOf(manualOptions({ window })).code).toBe('invalid-window');
  });

  test('an empty refId asks for the query', () => {
    expect(problemOf(manualOptions({ totalRefId: '  ' })).detail).toBe(
      'Pick the query (refId) that returns total events in the panel options.'
    );
  });
});

describe('catalog options', () => {
  test("the KPI's target, window and own custom policy", () => {
    const kpi = catalogKpi({
      objective: { target: 0.995, window: '7d' },
      alerting: { policy: 'custom', rules: [{ severity: 'page', factor: 2, long: '1h', short: '5m' }] },
    });
    const spec = specOf(catalogOptions(), loaded(kpi));
    expect(spec.kpi).toBe(kpi);
    expect(spec.target).toBe(0.995);
    expect(spec.windowMs).toBe(7 * DAY);
    expect(spec.rules).toEqual([
      { severity: 'page', longMs: 3_600_000, shortMs: 300_000, factor: 2, budgetFraction: undefined },
    ]);
    expect(spec.policy).toBe('custom');
  });

  test('policy "default" overrides the KPI\'s own rules', () => {
    const kpi = catalogKpi({ alerting: { policy: 'custom', rules: [{ severity: 'page', factor: 2, long: '1h' }] } });
    const spec = specOf(catalogOptions({ policy: 'default' }), loaded(kpi));
    expect(spec.rules).toHaveLength(4);
    expect(spec.policy).toBe('default');
  });

  test('a threshold KPI brings its comparator, threshold and unit', () => {
    const kpi = catalogKpi({
      indicator: { type: 'threshold', query: 'p95', comparator: '<', threshold: 0.3, unit: 's' },
    });
    const spec = specOf(catalogOptions({ valueRefId: 'C' }), loaded(kpi));
    expect(spec.queries).toEqual({ type: 'threshold', valueRefId: 'C', comparator: '<', threshold: 0.3 });
    expect(spec.unit).toBe('s');
  });

  test('a KPI that no longer exists is named', () => {
    const problem = problemOf(catalogOptions({ kpiId: 'gone' }), loaded(catalogKpi()));
    expect(problem.code).toBe('kpi-not-found');
    expect(problem.title).toBe('KPI "gone" is not in the catalog');
  });

  test('a composite reads each member under its own refIds, over the composite window, with its own target', () => {
    const member = catalogKpi();
    const composite: CompositeKpiDefinition = compositeKpi(
      { [member.id]: 2 },
      { objective: { target: 0.99, window: '7d' } }
    );
    const catalog: CatalogState = { status: 'loaded', catalog: { kpis: [member, composite], problems: [] } };
    const result = resolveKpiSpec(catalogOptions({ kpiId: 'journey' }), catalog);
    if (!result.ok) {
      throw new Error(result.problem.title);
    }
    expect([result.value.target, result.value.window]).toEqual([0.99, '7d']);
    const [first] = result.value.composite!.members;
    expect([first.refIdPrefix, first.weight, first.kpi.objective]).toEqual([
      'm0-',
      2,
      { target: member.objective.target, window: '7d' },
    ]);
    expect(first.spec.queries).toEqual({ type: 'ratio', goodRefId: 'good', totalRefId: 'total' });
  });

  test('a composite whose member is gone says which', () => {
    const composite: CompositeKpiDefinition = compositeKpi({ gone: 1 });
    const catalog: CatalogState = { status: 'loaded', catalog: { kpis: [composite], problems: [] } };
    const problem = problemOf(catalogOptions({ kpiId: 'journey' }), catalog);
    expect(problem.code).toBe('composite-kpi');
    expect(problem.detail).toMatch(/"gone"/);
  });

  test('a KPI that is in the catalog but invalid says what is wrong with it', () => {
    const catalog: CatalogState = {
      status: 'loaded',
      catalog: {
        kpis: [],
        problems: ['kpis[0] (checkout-availability).objective.target: must be between 0 and 1 (exclusive)'],
      },
    };
    expect(problemOf(catalogOptions(), catalog).detail).toMatch(
      /invalid: kpis\[0\] \(checkout-availability\)\.objective\.target/
    );
  });

  test.each([
    [{ status: 'loading' } as CatalogState, 'catalog-loading', 'info'],
    [
      { status: 'error', message: 'Could not read the KPI catalog: HTTP 403' } as CatalogState,
      'catalog-error',
      'error',
    ],
  ])('catalog state %p gives %s', (catalog, code, tone) => {
    const problem = problemOf(catalogOptions(), catalog);
    expect(problem.code).toBe(code);
    expect(problem.tone).toBe(tone);
  });

  test('no KPI picked yet is a hint, not an error', () => {
    const problem = problemOf(catalogOptions({ kpiId: undefined }), loaded());
    expect(problem).toMatchObject({ code: 'no-kpi-selected', tone: 'info' });
  });
});
