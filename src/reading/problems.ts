/** PanelProblem knows why the panel shows a message instead of numbers, in words a dashboard user can act on. */
export interface PanelProblem {
  code:
    | 'loading'
    | 'catalog-loading'
    | 'catalog-error'
    | 'no-kpi-selected'
    | 'kpi-not-found'
    | 'composite-kpi'
    | 'value-kpi'
    | 'kpi-variable-unset'
    | 'target-out-of-range'
    | 'invalid-window'
    | 'invalid-threshold'
    | 'missing-ref-id-option'
    | 'no-queries'
    | 'query-error'
    | 'frames';
  title: string;
  detail: string;
  /** `info` for steps on the way (loading, nothing picked yet), `error` for something to fix. */
  tone: 'info' | 'error';
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: PanelProblem };

export const problem = (
  code: PanelProblem['code'],
  title: string,
  detail: string,
  tone: PanelProblem['tone'] = 'error'
): { ok: false; problem: PanelProblem } => ({ ok: false, problem: { code, title, detail, tone } });
