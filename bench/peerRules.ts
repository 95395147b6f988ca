/**
 * The same SLO (99.9 % of `http_requests_total{job="bench"}` without a 5xx, over 28d) in the rule shapes of the two
 * projects users would pick instead of Northstar, written from their documented formulas (no code copied), for
 * `npm run bench:rules`. Each window maps to the PromQL whose value is that window's error ratio.
 */
/** 28d, which Sloth and Pyrra write as 4w. */
export const SLO_WINDOW = '28d';

const ERRORS = 'http_requests_total{job="bench",code=~"5.."}';
const TOTAL = 'http_requests_total{job="bench"}';

export interface ShapeWindow {
  window: string;
  /** PromQL whose value is the window's error ratio (1 − SLI), as the shape's records give it. */
  errorRatio: string;
  /** The rule expressions one evaluation of this window runs, when they are not `errorRatio` itself. */
  rules?: string[];
}

export interface RecordRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface RuleShape {
  name: string;
  /**
   * Records that other rules read from the past, in layers: layer 0 reads raw series only, layer n reads layer
   * n − 1. The bench backfills each layer with promtool before the next: every minute of the SLO window, or
   * only at `readAtMs` (before the evaluation time), the moments the windows read when they read a few samples.
   */
  history: Array<RecordRule & { layer: number; readAtMs?: number[] }>;
  /** Records every evaluation runs for the windows to read: their cost is shown apart, with no error. */
  shared: RecordRule[];
  windows: ShapeWindow[];
}

const rawRatio = (window: string) => `sum(rate(${ERRORS}[${window}])) / sum(rate(${TOTAL}[${window}]))`;

/**
 * Sloth (slok/sloth, docs "SLI rules" and the default sli_rules_v1 plugin): one record per alert window,
 * `slo:sli_error:ratio_rate<w>` = errors rate over w / total rate over w, read from the raw series for every
 * window (google-28d windows: 5m, 30m, 1h, 2h, 6h, 1d, 3d); the SLO period is the mean of the 5m ratios,
 * sum_over_time(ratio_rate5m[4w]) / count_over_time(ratio_rate5m[4w]), which weighs a quiet night's 5 minutes as
 * much as a busy noon's (slok/sloth#618).
 */
export function slothShape(): RuleShape {
  const fiveMinutes = 'slo:sli_error:ratio_rate5m{sloth_id="bench-availability"}';
  return {
    name: 'Sloth',
    history: [
      {
        record: 'slo:sli_error:ratio_rate5m',
        expr: `(${rawRatio('5m')})`,
        labels: { sloth_id: 'bench-availability', sloth_window: '5m' },
        layer: 0,
      },
    ],
    shared: [],
    windows: [
      ...['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map((window) => ({ window, errorRatio: rawRatio(window) })),
      {
        window: SLO_WINDOW,
        errorRatio: `sum_over_time(${fiveMinutes}[${SLO_WINDOW}]) / ignoring (sloth_window) count_over_time(${fiveMinutes}[${SLO_WINDOW}])`,
      },
    ],
  };
}

/**
 * Pyrra (pyrra-dev/pyrra, slo/rules.go: `Burnrate()`, `IncreaseRules()`, `Windows()`): a burn-rate record per
 * window, errors rate / total rate over the raw series (for 28d: 5m, 30m, 1h, 2h, 6h, 1d, 4d), and the SLO
 * window's counts as `sum by (code) (increase(<total>[4w]))`, from which its UI takes the SLI. The 4w increase
 * reads every raw sample of the window: pyrra-dev/pyrra#1440 reports a 12-week one taking 95 s.
 */
export function pyrraShape(): RuleShape {
  const increase = `sum by (code) (increase(${TOTAL}[${SLO_WINDOW}]))`;
  return {
    name: 'Pyrra',
    history: [],
    shared: [],
    windows: [
      ...['5m', '30m', '1h', '2h', '6h', '1d', '4d'].map((window) => ({ window, errorRatio: rawRatio(window) })),
      {
        window: SLO_WINDOW,
        // What its UI reads from the record: sum(increase{code=~"5.."}) / sum(increase).
        errorRatio: `sum(increase(${ERRORS}[${SLO_WINDOW}])) / sum(increase(${TOTAL}[${SLO_WINDOW}]))`,
        rules: [increase],
      },
    ],
  };
}
