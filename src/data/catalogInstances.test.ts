/** A per-label KPI's instance counts in the catalog list: a failed count is an error, never 0 instances. */
import type { DataFrameJSON } from '@grafana/data';
import type { KpiDefinition } from '../kpi/model';
import { describeWorstInstances } from '../pages/Catalog/worstInstances';
import { planCatalogRefresh, readCatalogResults, type DsQueryResponse } from './catalogQuery';

const AT = Date.UTC(2026, 10, 25, 12);

const byRoute: KpiDefinition = {
  id: 'checkout-routes',
  version: 3,
  status: 'published',
  name: 'Checkout per route',
  owner: 'team',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: {
    type: 'ratio',
    good: 'sum by (route) (rate(good[$__rate_interval]))',
    total: 'sum by (route) (rate(total[$__rate_interval]))',
    groupBy: ['route'],
  },
  objective: { target: 0.999, window: '30d' },
};

function instantFrame(value: number, labels?: Record<string, string>): DataFrameJSON {
  return {
    schema: {
      fields: [
        { name: 'Time', type: 'time' as never },
        { name: 'Value', type: 'number' as never, ...(labels ? { labels } : {}) },
      ],
    },
    data: { values: [[AT], [value]] },
  };
}

/** Every query answered: 0.59 % errors, /pay the worst route, 14 routes of which 2 below target. */
function answers(): DsQueryResponse['results'] {
  const plan = planCatalogRefresh([byRoute], AT);
  const results: DsQueryResponse['results'] = {};
  for (const query of plan.requests[0].body.queries) {
    results[query.refId] = { status: 200, frames: [instantFrame(0.0059)] };
  }
  results['k0-worst'] = { status: 200, frames: [instantFrame(0.05, { route: '/pay' })] };
  results['k0-instances'] = { status: 200, frames: [instantFrame(14)] };
  results['k0-below'] = { status: 200, frames: [instantFrame(2)] };
  return results;
}

function rowOf(results: DsQueryResponse['results']) {
  const plan = planCatalogRefresh([byRoute], AT);
  return readCatalogResults(plan, new Map([['prometheus/prometheus', { results }]]))[0];
}

describe.each([
  ['the instance count', 'k0-instances'],
  ['the count below target', 'k0-below'],
  ['the worst instances', 'k0-worst'],
])('when %s fails', (_, refId) => {
  const results = { ...answers(), [refId]: { status: 500, error: 'execution: query timed out' } };

  test('the row keeps its SLI and says the instances could not be read', () => {
    const row = rowOf(results);
    expect(row.evaluation?.sli).toBeCloseTo(0.9941, 12);
    expect(row.instances?.error).toBe('execution: query timed out');
  });

  test('the row reads as an error, not as "no route values with traffic"', () => {
    const instances = rowOf(results).instances!;
    expect(describeWorstInstances(instances, ['route'], 2)).toBe(
      'route values could not be read: execution: query timed out'
    );
  });
});

test('answered counts read as before, with no error', () => {
  const instances = rowOf(answers()).instances!;
  expect(instances).toEqual({ worst: [{ name: '/pay', sli: 0.95 }], count: 14, belowTarget: 2 });
  expect(describeWorstInstances(instances, ['route'], 2)).toBe('worst: /pay 95.00%, 2 of 14 route values below target');
});
