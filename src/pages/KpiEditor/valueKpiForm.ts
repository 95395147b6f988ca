/**
 * A value KPI's fields in the editor's form, and their way to and from the catalog's `indicator` and `objective`.
 * The target is typed in the KPI's unit (0.03 for 3 % in percentunit), not in percent as an SLO's share is.
 */
import { numberOrText } from '../../components/alertPolicyForm';
import {
  queryAsText,
  queryFromText,
  type ValueAggregation,
  type ValueDirection,
  type ValueKpiDefinition,
} from '../../kpi/model';

/** The value KPI's own fields of KpiForm; the query, unit and window are shared with the other kinds. */
export interface ValueFormFields {
  /** Σ numerator / Σ denominator over the period, or one query folded by its aggregation. */
  valueMeasure: 'ratio' | 'query';
  numerator: string;
  denominator: string;
  aggregation: ValueAggregation;
  direction: ValueDirection;
  /** In the unit, as typed. */
  valueTarget: string;
  /** In the unit, as typed; empty for none. */
  warning: string;
  /**
   * A value KPI's `alerting` as stored: the editor has no fields for it (a value KPI has no burn-rate policy), so
   * an edit keeps it as it is.
   */
  keptValueAlerting?: unknown;
}

export const EMPTY_VALUE_FIELDS: ValueFormFields = {
  valueMeasure: 'ratio',
  numerator: '',
  denominator: '',
  aggregation: 'sum',
  direction: 'higher',
  valueTarget: '',
  warning: '',
};

/** The form's fields of a value KPI (its query and unit go into the shared `query` and `unit`). */
export function valueFieldsOf(kpi: ValueKpiDefinition): ValueFormFields & { query: string; unit: string } {
  const { indicator, objective } = kpi;
  return {
    valueMeasure: indicator.numerator !== undefined ? 'ratio' : 'query',
    numerator: indicator.numerator === undefined ? '' : queryAsText(indicator.numerator),
    denominator: indicator.denominator === undefined ? '' : queryAsText(indicator.denominator),
    aggregation: indicator.aggregation ?? 'sum',
    query: indicator.query === undefined ? '' : queryAsText(indicator.query),
    unit: indicator.unit,
    direction: objective.direction,
    valueTarget: String(objective.target),
    warning: objective.warning === undefined ? '' : String(objective.warning),
    ...(kpi.alerting === undefined ? {} : { keptValueAlerting: kpi.alerting }),
  };
}

interface ValueFormInput extends ValueFormFields {
  query: string;
  unit: string;
}

/** The `indicator` the schema is given: only the chosen measure's fields, so the schema names what is missing. */
export function valueIndicatorInputOf(form: ValueFormInput): Record<string, unknown> {
  const unit = form.unit.trim();
  return form.valueMeasure === 'ratio'
    ? { type: 'value', numerator: queryFromText(form.numerator), denominator: queryFromText(form.denominator), unit }
    : { type: 'value', query: queryFromText(form.query), aggregation: form.aggregation, unit };
}

/** The `objective` without its window: direction, target and the optional warning, as typed. */
export function valueObjectiveInputOf(form: ValueFormInput): Record<string, unknown> {
  const warning = numberOrText(form.warning);
  return {
    direction: form.direction,
    target: numberOrText(form.valueTarget),
    ...(warning === undefined ? {} : { warning }),
  };
}
