/**
 * The schema of value KPIs (a business value against a target): the `value` indicator, and the checks of the
 * objective that depend on the indicator type. An SLO's target is a share strictly between 0 and 1 and it has no
 * direction; a value KPI's target is any number in its unit, judged by direction, with an optional warning.
 */
import { z } from 'zod';
import { VALUE_AGGREGATIONS } from '../model';
import { isGrafanaUnit, PERCENT_UNITS } from './grafanaUnits';
import { queryField } from './queryField';

const query = queryField;

export const valueIndicator = z
  .strictObject({
    type: z.literal('value'),
    numerator: query
      .optional()
      .describe(
        'With denominator: per-second rate, e.g. sum(rate(orders_total[$__rate_interval])); Σ/Σ over the period'
      ),
    denominator: query.optional().describe('With numerator: per-second rate, e.g. sum(rate(carts_created_total[…]))'),
    query: query
      .optional()
      .describe('Instead of numerator/denominator: one series, folded over the period by aggregation'),
    aggregation: z
      .enum(VALUE_AGGREGATIONS)
      .optional()
      .describe('With query: sum (of a per-second rate: the total, as increase), mean (time-weighted), last, min, max'),
    unit: z
      .string()
      .refine(isGrafanaUnit, {
        message: 'must be a Grafana unit id such as percentunit, currencyUSD, s or short (or suffix:…, prefix:…)',
      })
      .describe('A Grafana unit id: percentunit, currencyUSD, s, short, …'),
  })
  .superRefine((indicator, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    const ratio = indicator.numerator !== undefined || indicator.denominator !== undefined;
    if (ratio && indicator.aggregation !== undefined) {
      issue('aggregation', 'does not go with numerator/denominator: a ratio is always Σ numerator / Σ denominator');
    }
    if (ratio && indicator.query !== undefined) {
      issue('query', 'give either query (with aggregation) or numerator and denominator, not both');
    }
    if (indicator.numerator !== undefined && indicator.denominator === undefined) {
      issue('denominator', 'is required with numerator');
    }
    if (indicator.denominator !== undefined && indicator.numerator === undefined) {
      issue('numerator', 'is required with denominator');
    }
    if (!ratio && indicator.query === undefined) {
      issue('query', 'is required: give query and aggregation, or numerator and denominator');
    }
    if (indicator.query !== undefined && !ratio && indicator.aggregation === undefined) {
      issue('aggregation', `is required with query: one of ${VALUE_AGGREGATIONS.join(', ')}`);
    }
  });

/** The objective's fields, for SLOs and value KPIs alike: which apply is checked by objectiveProblems. */
export const objectiveFields = {
  direction: z
    .enum(['higher', 'lower'])
    .optional()
    .describe('Value KPIs only: which way is better, higher (conversion) or lower (cost)'),
  target: z
    .number()
    .refine(Number.isFinite, { message: 'must be a finite number' })
    .describe('SLOs: share of good events or slices, e.g. 0.999; value KPIs: any number in the unit'),
  warning: z
    .number()
    .refine(Number.isFinite, { message: 'must be a finite number' })
    .optional()
    .describe('Value KPIs only: between warning and target the KPI is at-risk'),
};

interface ObjectiveInput {
  direction?: 'higher' | 'lower';
  target: number;
  warning?: number;
}

/** The problems of an objective given its KPI's indicator, with paths relative to the KPI. */
export function objectiveProblems(
  indicator: { type: string; unit?: string },
  objective: ObjectiveInput,
  alerting: { policy?: string } | undefined
): Array<{ path: string[]; message: string }> {
  const at = (field: string, message: string) => ({ path: ['objective', field], message });
  if (indicator.type !== 'value') {
    return [
      ...(alerting !== undefined && alerting.policy === undefined
        ? [
            {
              path: ['alerting', 'policy'],
              message: 'is required for an SLO: "default" or "custom" (for and page alone are for value KPIs)',
            },
          ]
        : []),
      ...(objective.target > 0 && objective.target < 1 ? [] : [at('target', 'must be between 0 and 1 (exclusive)')]),
      ...(['direction', 'warning'] as const)
        .filter((field) => objective[field] !== undefined)
        .map((field) => at(field, 'applies to value KPIs only: an SLO is judged by its error budget')),
    ];
  }
  const problems = [];
  if (objective.direction === undefined) {
    problems.push(at('direction', 'is required for a value KPI: higher or lower (which way is better)'));
  }
  if (indicator.unit !== undefined && PERCENT_UNITS.has(indicator.unit) && objective.target < 0) {
    problems.push(at('target', `must not be negative in unit ${indicator.unit}: a share cannot be below 0`));
  }
  const { direction, target, warning } = objective;
  if (direction !== undefined && warning !== undefined) {
    const worse = direction === 'higher' ? warning < target : warning > target;
    if (!worse) {
      problems.push(
        at(
          'warning',
          `must be ${direction === 'higher' ? 'below' : 'above'} the target ${target} when ${direction} is better: ` +
            'the KPI is at-risk between warning and target'
        )
      );
    }
  }
  if (alerting?.policy !== undefined) {
    problems.push({
      path: ['alerting', 'policy'],
      message:
        'a burn-rate policy applies to SLOs only: a value KPI has no error budget to burn (give alerting.for ' +
        'and alerting.page instead, or remove it)',
    });
  }
  return problems;
}
