/** The burn-rate policy: the table of windows and factors, and the page/ticket decision over it. */
export {
  burnRateFactor,
  type BurnRateRule,
  decide,
  DEFAULT_POLICY_ROWS,
  describeRule,
  type LowTrafficGuard,
  policyWindows,
  resolvePolicy,
  type RuleDecision,
  sloReadSpanMs,
  tierEnabled,
} from './policy';
