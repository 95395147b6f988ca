/** An error ratio outside 0..1 means good counted more than total: a data problem, never 100 % good. */
import type { DataFrameJSON } from '@grafana/data';
import type { KpiDefinition } from '../kpi/model';
import { planCatalogRefresh, readCatalogResults, type DsQueryResponse } from './catalogQuery';

const AT = Date.UTC(2026, 10, 25, 12);

const checkout: KpiDefinition = {
  id: 'checkout',
  version: 1,
  status: 'published',
  name: 'Checkout',
  owner: 'team',
  datasource: { type: 'prometheus', uid: 'prometheus' },
  indicator: { type: 'ratio', good: 'sum(rate(good[$__rate_interval]))', total: 'sum(rate(total[$__rate_interval]))' },
  objective: { target: 0.999, window: '30d' },
};

function instantFrame(value: number): DataFrameJSON {
  return {
    schema: {
      fields: [
        { name: 'Time', type: 'time' as never },
        { name: 'Value', type: 'number' as never },
      ],
    },
    data: { values: [[AT], [value]] },
  };
}

/** Every window answers 0.0005; the 1h window answers `oneHour`. */
function rowWith(oneHour: number) {
  const plan = planCatalogRefresh([checkout], AT);
  const results: DsQueryResponse['results'] = {};
  for (const query of plan.requests[0].body.queries) {
    results[query.refId] = { status: 200, frames: [instantFrame(query.refId === 'k0-1h' ? oneHour : 0.0005)] };
  }
  return readCatalogResults(plan, new Map([['prometheus/prometheus', { results }]]))[0];
}

test.each([
  [-0.25, 'data problem: the error ratio over 1h is -0.25, outside 0..1: good counts more events than total'],
  [1.5, 'data problem: the error ratio over 1h is 1.5, outside 0..1: good is negative'],
])('an error ratio of %d marks the row with a data problem, not an SLI', (ratio, message) => {
  const row = rowWith(ratio);
  expect(row.evaluation).toBeUndefined();
  expect(row.error).toBe(message);
});

test.each([0, 1, 0.0005])('an error ratio of %d is read as it is', (ratio) => {
  const row = rowWith(ratio);
  expect(row.error).toBeUndefined();
  expect(row.evaluation?.sli).toBeCloseTo(0.9995, 12);
});
