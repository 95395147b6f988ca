/**
 * Northstar's rules for the bench KPI as a rule shape: the generator's own output, and the shape it had before
 * issue 15, whose long windows summed every base-record sample of the window.
 */
import { formatDuration } from '../src/kpi/time';
import { PROM_LABEL_KPI_VERSION, PROM_OBJECTIVE_RECORD, type KpiDefinition } from '../src/kpi/model';
import {
  errorRatioRecordName,
  goodRateRecordName,
  idLabel,
  kpiWindows,
  selector,
  totalRateRecordName,
} from '../src/kpi/promql';
import type { RecordingRule, RuleGroup } from '../src/kpi/rules';
import type { RecordRule, RuleShape } from './peerRules';

const LONG_WINDOW_MS = 86_400_000;

function daysBack(windowMs: number): number[] {
  return Array.from({ length: Math.floor(windowMs / LONG_WINDOW_MS) }, (_, k) => k * LONG_WINDOW_MS);
}

/** [the generator's shape, the shape before issue 15 (long windows only)]. */
export function northstarShapes(kpi: KpiDefinition, group: RuleGroup): [RuleShape, RuleShape] {
  const records = group.rules.filter((rule): rule is RecordingRule => 'record' in rule);
  const { windowsMs } = kpiWindows(kpi);
  const windowNames = new Set(windowsMs.map(errorRatioRecordName));
  const inputs = records.filter((rule) => !windowNames.has(rule.record) && rule.record !== PROM_OBJECTIVE_RECORD);
  const layers = new Map<string, number>();
  for (const rule of inputs) {
    const read = inputs.filter((other) => other !== rule && rule.expr.includes(`${other.record}{`));
    layers.set(
      rule.record,
      read.length === 0 ? 0 : 1 + Math.max(...read.map((other) => layers.get(other.record) ?? 0))
    );
  }
  const asRecord = (rule: RecordingRule): RecordRule => ({ record: rule.record, expr: rule.expr, labels: rule.labels });
  const windowOf = (windowMs: number) => {
    const rule = records.find((candidate) => candidate.record === errorRatioRecordName(windowMs));
    if (!rule) {
      throw new Error(`the generator wrote no ${errorRatioRecordName(windowMs)}`);
    }
    return { window: formatDuration(windowMs), errorRatio: rule.expr };
  };
  const now: RuleShape = {
    name: 'Northstar',
    history: inputs.map((rule) => ({
      ...asRecord(rule),
      layer: layers.get(rule.record) ?? 0,
      // the daily sums are read a whole number of days back, up to the longest window
      ...(rule.record.endsWith(':sum1d') ? { readAtMs: daysBack(Math.max(...windowsMs)) } : {}),
    })),
    shared: inputs.map(asRecord),
    windows: windowsMs.map(windowOf),
  };
  const [baseMs] = windowsMs;
  const allVersions = (record: string, windowMs: number) =>
    `sum without (${PROM_LABEL_KPI_VERSION}) (sum_over_time(${selector(record, idLabel(kpi))}[${formatDuration(windowMs)}]))`;
  const before: RuleShape = {
    name: 'Northstar before #15',
    history: now.history.filter((rule) => rule.layer === 0),
    shared: [],
    windows: windowsMs
      .filter((windowMs) => windowMs >= LONG_WINDOW_MS)
      .map((windowMs) => ({
        window: formatDuration(windowMs),
        errorRatio: `1 - (${allVersions(goodRateRecordName(baseMs), windowMs)} / ${allVersions(totalRateRecordName(baseMs), windowMs)})`,
      })),
  };
  return [now, before];
}
