/**
 * A value KPI in the panel: its frames come from the panel's own queries, mapped by the panel's refId options
 * (good → numerator, total → denominator, value → query), at the step Grafana gave them; a step other than the
 * app's (valueStep.ts) is a note saying which Query options give the app's, as the dashboards' value panels set them. A value over a period the
 * panel's range does not reach back to would pass a part for the whole, so such a value is no-data and such a
 * previous period has no change, both saying which range the panel needs.
 */
import type { DataFrame } from '@grafana/data';
import { valueLine, type ValueLine } from '../kpi/evaluate';
import { grafanaRange, maintenanceMaskFor, parseDuration } from '../kpi/time';
import { isValueKpi, type ValueKpiDefinition } from '../kpi/model';
import type { CatalogState } from './appCatalog';
import { rangeReadingOf } from './dsQueryModels';
import { chooseStep, type SeriesInput } from './frameGrid';
import { readFrame } from './frames';
import type { FrameNote, FrameTimeRange } from './frameTypes';
import type { KpiPanelOptions } from './panelOptions';
import { problem, type Checked } from './problems';
import { valuePanelQueryOptions } from './valueStep';
import {
  evaluateValueFrames,
  valueQueryRefs,
  valueWithoutData,
  type ValueField,
  type ValueReading,
} from './valueFrames';

/** What the panel shows of a value KPI: its reading, the current period's line, and the range it needs. */
export interface ValuePanelEvaluation {
  kpi: ValueKpiDefinition;
  reading: ValueReading;
  /** The period so far as a line ending at the judged number (valueLine); undefined without series. */
  line?: ValueLine;
  /** From the previous period's start to the evaluation instant: the panel range that reads both periods. */
  neededRangeMs: number;
  stepMs: number;
  notes: FrameNote[];
}

export interface ValuePanelInput {
  series: readonly DataFrame[];
  timeRange: FrameTimeRange;
  /** The request's interval, when neither the frames' `interval` nor their timestamps tell the step. */
  fallbackStepMs?: number;
  /** The refIds the panel queried: a queried refId without frames returned nothing, an unqueried one is a mix-up. */
  queriedRefIds?: readonly string[];
}

const OPTION_OF: Record<ValueField, 'goodRefId' | 'totalRefId' | 'valueRefId'> = {
  numerator: 'goodRefId',
  denominator: 'totalRefId',
  query: 'valueRefId',
};

/**
 * The panel's frames of each of the KPI's fields, under the refIds valueFrames reads them by, and the fields whose
 * refId the panel did not query (or, when the queried refIds are not known, that no frame has while others do).
 */
function framesOfFields(kpi: ValueKpiDefinition, options: KpiPanelOptions, input: ValuePanelInput) {
  const frames: DataFrame[] = [];
  const unmapped: string[] = [];
  for (const { field, refId } of valueQueryRefs(kpi)) {
    const panelRefId = options[OPTION_OF[field]]?.trim() ?? '';
    const mine = input.series.filter((frame) => frame.refId === panelRefId);
    const queried = input.queriedRefIds ? input.queriedRefIds.includes(panelRefId) : input.series.length === 0;
    if (mine.length === 0 && !queried) {
      unmapped.push(`${field} (query ${panelRefId || 'not chosen'})`);
    }
    frames.push(...mine.map((frame) => ({ ...frame, refId })));
  }
  return { frames, unmapped };
}

/**
 * The step of the frames: their `interval`, else their timestamps' gap, else the request's interval. A SQL
 * bucket's rows exist only where there were events, so their gaps are quiet time: its step is the request's.
 */
function stepOf(kpi: ValueKpiDefinition, frames: readonly DataFrame[], input: ValuePanelInput, notes: FrameNote[]) {
  const inputs: SeriesInput[] = frames.flatMap((frame) => {
    const read = readFrame(frame, frame.refId ?? '', notes);
    return Array.isArray(read) ? read : [];
  });
  const { bucketStart } = rangeReadingOf(kpi.datasource);
  const grid = { timeRange: { fromMs: 0, toMs: 0 }, minSpanMs: 0, fallbackStepMs: input.fallbackStepMs, bucketStart };
  return chooseStep(inputs, grid, notes)?.stepMs;
}

/** Evaluates a catalog value KPI from the panel's frames. */
export function evaluateValuePanel(
  kpi: ValueKpiDefinition,
  options: KpiPanelOptions,
  input: ValuePanelInput
): Checked<ValuePanelEvaluation> {
  const { frames, unmapped } = framesOfFields(kpi, options, input);
  if (unmapped.length > 0) {
    return problem(
      'missing-ref-id-option',
      'Choose the value KPI’s queries',
      `The panel has no query for ${unmapped.join(', ')}. In the panel options, pick the queries (refIds) that return ` +
        `${kpi.indicator.numerator !== undefined ? 'the numerator and the denominator' : 'the value'} of "${kpi.id}".`
    );
  }
  const notes: FrameNote[] = [];
  const stepMs = stepOf(kpi, frames, input, notes) ?? input.fallbackStepMs ?? 60_000;
  // A sum of per-step rates depends on the step ($__rate_interval), so another step than the app's is another value.
  const shared = valuePanelQueryOptions(kpi.objective.window, input.timeRange.toMs);
  if (shared && frames.length > 0 && parseDuration(shared.minInterval) !== stepMs) {
    notes.push({ code: 'not-the-shared-step', stepMs, options: shared });
  }
  const atMs = Math.floor(input.timeRange.toMs / stepMs) * stepMs;
  const read = evaluateValueFrames(kpi, frames, { atMs, stepMs });
  const { periods } = read;
  const neededRangeMs = atMs - periods.previous.startMs;
  const reading = withinRange(read, input.timeRange.fromMs, stepMs, neededRangeMs);
  const line =
    reading.series === undefined
      ? undefined
      : valueLine(reading.series, periods.grid, periods.current, periods.measuredUntilMs, {
          excluded: maintenanceMaskFor(kpi.maintenance, periods.grid),
        });
  return { ok: true, value: { kpi, reading, line, neededRangeMs, stepMs, notes } };
}

/**
 * The reading as far as the panel's range reaches: a current period that starts before the range has no value,
 * a previous one no change (its data would be a part of the period read as the whole).
 */
function withinRange(read: ValueReading, fromMs: number, stepMs: number, neededRangeMs: number): ValueReading {
  const { periods, evaluation } = read;
  // The first slot holds the step before it: a range that starts one step after a period's start still reads it.
  const reaches = (startMs: number) => fromMs <= startMs + stepMs;
  if (!reaches(periods.current.startMs)) {
    const reason =
      `the panel’s time range starts after ${periods.current.label} began: ` +
      `set it to the last ${grafanaRange(neededRangeMs)} or more`;
    return { periods, evaluation: valueWithoutData(periods, reason, evaluation.evaluatedAtMs) };
  }
  if (!reaches(periods.previous.startMs) && evaluation.previousValue !== null) {
    return { ...read, evaluation: { ...evaluation, previousValue: null, change: null } };
  }
  return read;
}

/** The catalog value KPI a catalog-mode panel shows, if it shows one (the SLO path reads every other KPI). */
export function catalogValueKpi(options: KpiPanelOptions, catalog: CatalogState): ValueKpiDefinition | undefined {
  if (options.source === 'manual' || !options.kpiId || catalog.status !== 'loaded') {
    return undefined;
  }
  const kpi = catalog.catalog.kpis.find((candidate) => candidate.id === options.kpiId);
  return kpi && isValueKpi(kpi) ? kpi : undefined;
}
