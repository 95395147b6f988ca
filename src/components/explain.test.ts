import {
  explainBudget,
  explainBurnRate,
  explainCoverage,
  explainDelta,
  explainLatestValue,
  explainRule,
  explainSli,
  explainTarget,
  explainTimeToExhaustion,
} from './explain';
import { windowPhrases } from '../kpi/time';
import { CONTEXT_99_9_28D as context, evaluationFor } from '../testing/testEvaluations';

describe('tooltips say the formula and the numbers behind it', () => {
  const handWorked = evaluationFor('hand-worked');

  test('SLI: 999,400 good of 1,000,000', () => {
    expect(explainSli(handWorked, context)).toBe(
      'SLI = good events / all events over the last 28d = 999,400 / 1,000,000 = 99.94%.'
    );
  });

  test('budget: 1 − 600 / 1,000 = 40 %', () => {
    expect(explainBudget(handWorked, context)).toBe(
      'Budget remaining = 1 − bad events / error budget = 1 − 600 / 1,000 = 40.0%. ' +
        'The error budget is (1 − target) × all events in the 28d window = (1 − 99.9%) × 1,000,000 = 1,000.'
    );
  });

  test('an overspent budget says so', () => {
    expect(explainBudget(evaluationFor('overspent'), context)).toMatch(
      /= -900.0%\..*Below 0%: the budget is overspent\.$/
    );
  });

  test('burn rate over the SLO window: 0.06 % / 0.1 % = 0.6x', () => {
    expect(explainBurnRate(handWorked.slo, context)).toBe(
      'Burn rate over 28d = error ratio / (1 − target) = 0.060% / 0.100% = 0.60x. At 1x the budget lasts exactly the 28d window.'
    );
  });

  test('no traffic is never 100 %', () => {
    const e = evaluationFor('no-traffic');
    expect(explainSli(e, context)).toBe(
      'No events in the 28d window: nothing to measure, which is not the same as 100%.'
    );
    expect(explainBurnRate(e.windows[0], context)).toMatch(/^No burn rate over 1h: No events/);
  });

  test('no data says there is nothing to compute', () => {
    expect(explainSli(evaluationFor('no-data'), context)).toBe(
      'No samples in the 28d window, so there is nothing to compute.'
    );
  });

  test('a rule with a budget fraction explains its factor', () => {
    const decision = {
      rule: { severity: 'page' as const, longMs: 3_600_000, shortMs: 300_000, factor: 13.44, budgetFraction: 0.02 },
      longBurnRate: 1,
      shortBurnRate: 1,
      firing: false,
      heldBackByLowTraffic: false,
    };
    expect(explainRule(decision, context)).toBe(
      'page 1h/5m > 13.44x: fires when both the 1h and the 5m burn rates are above 13.44x. ' +
        'It means 2% of the 28d budget spent within 1h: factor = 2% × 28d / 1h = 13.44x.'
    );
  });

  test('time to exhaustion: remaining × window / burn rate', () => {
    // page case: 672,000 requests, 120 bad in the last 6 hours; remaining 552/672; 1h burn 20x
    const e = evaluationFor('page');
    expect(explainTimeToExhaustion(e, context)).toBe(
      'Time to exhaustion = budget remaining × SLO window / burn rate over the last 1h = 82.1% × 28d / 20.0x = 1d 3h.'
    );
    expect(explainTimeToExhaustion(handWorked, context)).toBe(
      'Not burning over the last 1h (burn rate 0.00x): at this rate the budget does not run out.'
    );
    expect(explainTimeToExhaustion(evaluationFor('overspent'), context)).toBe('The budget is already spent.');
  });

  test('coverage and target', () => {
    expect(explainCoverage(handWorked, context)).toMatch(
      /^Coverage = steps with data \/ steps in the 28d window = 672 \/ 672 = 100.0%\./
    );
    expect(explainTarget(context)).toBe('Target: at least 99.9% of events good over a rolling 28d window.');
  });

  test('threshold KPIs: latest value and the delta vs the previous period', () => {
    expect(explainLatestValue(0.25, '<', 0.3, 's')).toBe(
      'Latest value: 250 ms. A step is good when the value is below 300 ms.'
    );
    const comparison = {
      periodMs: 86_400_000,
      current: 0.25,
      previous: 0.2,
      delta: 0.05,
      relativeDelta: 0.25,
      currentCoverage: 1,
      previousCoverage: 1,
    };
    expect(explainDelta(comparison, 's')).toBe(
      'Change = mean over the last 1d − mean over the 1d before = 250 ms − 200 ms = 50 ms (+25.0%).'
    );
    expect(explainDelta({ ...comparison, previous: null, delta: null, relativeDelta: null }, 's')).toMatch(
      /^Needs 2d of data/
    );
  });
});

describe('tooltips of a calendar KPI name the period, and the nominal length where a fixed one is meant', () => {
  const handWorked = evaluationFor('hand-worked');
  const monthly = { ...context, window: windowPhrases({ calendar: 'month', timeZone: 'Europe/Berlin' }) };

  test('SLI and budget count over this month so far', () => {
    expect(explainSli(handWorked, monthly)).toBe(
      'SLI = good events / all events over this month so far = 999,400 / 1,000,000 = 99.94%.'
    );
    expect(explainBudget(handWorked, monthly)).toContain('(1 − target) × all events this month = ');
    expect(explainTarget(monthly)).toBe(
      'Target: at least 99.9% of events good over each calendar month (Europe/Berlin).'
    );
  });

  test('1x and the factors mean the nominal 30 days', () => {
    expect(explainBurnRate(handWorked.slo, monthly)).toMatch(
      /At 1x the budget lasts exactly 30d, the nominal month\.$/
    );
  });
});
