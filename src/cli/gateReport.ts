/**
 * What `northstar gate` prints: one line per KPI, a Markdown summary for a CI job (GitHub's $GITHUB_STEP_SUMMARY,
 * a GitLab MR note) or JSON, and the exit code that blocks or lets through the deploy.
 */
import type { GateVerdict } from '../kpi/evaluate';
import type { KpiGate } from '../kpi/model';
import { EXIT_INVALID, EXIT_NO_DATA, EXIT_OK } from './commandSupport';
import type { EvalRow } from './evaluateCatalog';

export type NoDataPolicy = 'pass' | 'fail';

/** One KPI's gate and how it stands. */
export interface GateResult {
  id: string;
  name: string;
  verdict: GateVerdict;
  reason: string;
  gate: KpiGate;
  /** The KPI's `eval` row, `stale` as `eval` marks it. */
  evaluation: EvalRow & { stale?: true };
}

/** The JSON of `northstar gate --json`. */
export interface GateReport {
  passed: boolean;
  exitCode: number;
  noData: NoDataPolicy;
  results: GateResult[];
}

/** A failed gate outranks a KPI without data: the failure is the surer reason to stop the deploy. */
export function gateReport(results: GateResult[], noData: NoDataPolicy): GateReport {
  const failed = results.some((result) => result.verdict === 'fail');
  const unknown = noData === 'fail' && results.some((result) => result.verdict === 'no-data');
  const exitCode = failed ? EXIT_INVALID : unknown ? EXIT_NO_DATA : EXIT_OK;
  return { passed: exitCode === EXIT_OK, exitCode, noData, results };
}

function verdictLabel(verdict: GateVerdict, noData: NoDataPolicy): string {
  if (verdict === 'no-data') {
    return noData === 'pass' ? 'NO DATA (passes: --no-data pass)' : 'NO DATA';
  }
  return verdict === 'pass' ? 'PASS' : 'FAIL';
}

function tally(results: readonly GateResult[]): string {
  const count = (verdict: GateVerdict) => results.filter((result) => result.verdict === verdict).length;
  return `${count('fail')} failed, ${count('pass')} passed, ${count('no-data')} without data`;
}

function whyNoData(result: GateResult): string | undefined {
  const { evaluation } = result;
  return evaluation.error ?? (evaluation.kind === 'value' ? evaluation.reason : undefined);
}

/** One line per KPI, then why a KPI had no data, then the outcome. */
export function formatGateLines(report: GateReport): string {
  const labels = report.results.map((result) => verdictLabel(result.verdict, report.noData));
  const labelWidth = Math.max(0, ...labels.map((label) => label.length));
  const idWidth = Math.max(0, ...report.results.map((result) => result.id.length));
  const lines = report.results.map(
    (result, i) => `${labels[i].padEnd(labelWidth)}  ${result.id.padEnd(idWidth)}  ${result.reason}`
  );
  const reasons = report.results.flatMap((result) => {
    const why = whyNoData(result);
    return why ? [`${result.id}: ${why}`] : [];
  });
  return [...lines, ...reasons, `gate ${report.passed ? 'passed' : 'failed'}: ${tally(report.results)}`].join('\n');
}

const MARK: Record<GateVerdict, string> = { pass: '✅ pass', fail: '❌ fail', 'no-data': '⚠️ no data' };

/** Catalog text in a Markdown table: shown as typed, never as markup, HTML or a second column. */
export function markdownText(text: string): string {
  return text
    .replace(/[\\`*_[\]#|~!]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A job summary: the outcome as a heading, then a table of the KPIs, failures first. */
export function formatGateMarkdown(report: GateReport): string {
  const order: GateVerdict[] = ['fail', 'no-data', 'pass'];
  const rows = [...report.results]
    .sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict))
    .map((result) => {
      const mark =
        result.verdict === 'no-data' && report.noData === 'pass' ? `${MARK['no-data']} (passes)` : MARK[result.verdict];
      const why = whyNoData(result);
      const reading = markdownText(why ? `${result.reason} (${why})` : result.reason);
      return `| ${mark} | ${markdownText(result.name)} (\`${result.id}\`) | ${reading} |`;
    });
  const evaluatedAt = report.results[0]?.evaluation.evaluatedAt;
  return [
    `### ${report.passed ? '✅' : '❌'} Northstar KPI gate ${report.passed ? 'passed' : 'failed'}`,
    '',
    `${tally(report.results)}${evaluatedAt ? `, evaluated at ${evaluatedAt}` : ''}.`,
    '',
    '| Result | KPI | Reading |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}
