/** Test-only: composite KPIs for the tests of every layer that reads them. */
import type { CompositeKpiDefinition } from '../kpi/model';

/**
 * A published composite "Journey" of `weights` (member id → weight, in order) at 99 % over 28d, owned by "team";
 * `overrides` change whatever a test needs.
 */
export function compositeKpi(
  weights: Readonly<Record<string, number>>,
  overrides: Partial<CompositeKpiDefinition> = {}
): CompositeKpiDefinition {
  return {
    id: 'journey',
    version: 1,
    status: 'published',
    name: 'Journey',
    owner: 'team',
    indicator: { type: 'composite', members: Object.entries(weights).map(([kpi, weight]) => ({ kpi, weight })) },
    objective: { target: 0.99, window: '28d' },
    ...overrides,
  };
}
