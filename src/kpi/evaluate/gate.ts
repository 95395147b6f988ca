/**
 * A KPI's gate judged against its evaluation: what `northstar gate` and, later, the app's drivers section say
 * about whether a deploy may go ahead. An SLO passes while enough of its error budget is left; a value KPI fails
 * while its status is one the gate lists. Without data there is no verdict: the caller decides (`--no-data`).
 */
import type { KpiGate, KpiStatus } from '../model';
import type { ValueStatus } from './valueEvaluation';

export type GateVerdict = 'pass' | 'fail' | 'no-data';

/** What a gate reads of an evaluation. */
export type GateReading =
  { kind: 'slo'; status: KpiStatus; budgetRemaining: number | null } | { kind: 'value'; status: ValueStatus };

export interface GateJudgement {
  verdict: GateVerdict;
  /** The reading and the rule in words: "12.0 % of the error budget left; the gate requires at least 25 %". */
  reason: string;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

export function judgeGate(gate: KpiGate, reading: GateReading): GateJudgement {
  if (reading.kind === 'value') {
    return judgeValueGate(gate.status ?? [], reading.status);
  }
  const { budgetRemaining } = reading;
  if (reading.status === 'no-data' || budgetRemaining === null) {
    return { verdict: 'no-data', reason: 'no data: the error budget left is unknown' };
  }
  const required = gate.minBudgetRemaining ?? 0;
  const left = `${percent(budgetRemaining)} of the error budget left`;
  return budgetRemaining >= required
    ? { verdict: 'pass', reason: `${left}; the gate requires at least ${percent(required)}` }
    : { verdict: 'fail', reason: `${left}, below the ${percent(required)} the gate requires` };
}

function judgeValueGate(failing: readonly string[], status: ValueStatus): GateJudgement {
  if (status === 'no-data') {
    return { verdict: 'no-data', reason: 'no data: the value over its period is unknown' };
  }
  const rule = `the gate fails on ${failing.join(' or ')}`;
  return failing.includes(status)
    ? { verdict: 'fail', reason: `${status}; ${rule}` }
    : { verdict: 'pass', reason: `${status}; ${rule}` };
}
