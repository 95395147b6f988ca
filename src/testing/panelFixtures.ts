/**
 * Frames, options and props for the panel's tests (test helper, not shipped: only tests import it). Frames look
 * like Grafana's Prometheus frames: a Time field with `interval` (the step) and a Value field of per-second rates.
 */
import {
  dateTime,
  FieldType,
  LoadingState,
  toDataFrame,
  type DataFrame,
  type DataQueryError,
  type PanelProps,
} from '@grafana/data';
import type { KpiDefinition } from '../kpi/model';
import { checkoutKpi } from './checkoutKpi';
import { defaultKpiPanelOptions, type KpiPanelOptions } from '../reading';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const STEP_MS = 5 * MINUTE;
export const END_MS = Date.UTC(2026, 10, 1, 12, 0);
/** 28d at a 5m step: every default policy window is a whole number of steps. */
export const STEPS_28D = (28 * DAY) / STEP_MS;

export function rateFrame(
  refId: string,
  perSecond: ArrayLike<number | null>,
  stepMs = STEP_MS,
  endMs = END_MS
): DataFrame {
  const times = Array.from({ length: perSecond.length }, (_, i) => endMs - (perSecond.length - 1 - i) * stepMs);
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: times, config: { interval: stepMs } },
      { name: 'Value', type: FieldType.number, values: Array.from(perSecond) },
    ],
  });
}

/** An instant query's answer: one value at the end of the range (the instant counts of windowCounts.ts). */
export function instantFrame(refId: string, value: number): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: [END_MS] },
      { name: 'Value', type: FieldType.number, values: [value] },
    ],
  });
}

/** Events per 5m step as per-second rates. */
const perSecond = (eventsPerStep: number[]) => eventsPerStep.map((events) => events / (STEP_MS / 1000));

/**
 * The hand-worked case: 99.9 % over 28d, 1,000,000 requests of which 600 bad, all in the oldest 25 minutes:
 * budget 1,000, 40 % left, burn rate 0.6x over 28d and 0x now.
 */
export function handWorkedFrames(refIds: [string, string] = ['A', 'B']): DataFrame[] {
  // 8,063 steps × 124 = 999,812 requests; the oldest step holds the other 188.
  const total = new Array(STEPS_28D).fill(124);
  total[0] = 188;
  // Bad: 188 + 124 + 124 + 124 + 40 = 600, in the five oldest steps.
  const bad = [188, 124, 124, 124, 40];
  const good = total.map((events, i) => events - (bad[i] ?? 0));
  return [rateFrame(refIds[0], perSecond(good)), rateFrame(refIds[1], perSecond(total))];
}

/** 99.9 % over 28d, 3,000 requests per step; the last hour fails 2 % of them: 20x on the 5m and 1h windows. */
export function pageFrames(): DataFrame[] {
  const total = new Array(STEPS_28D).fill(3000);
  const good = total.map((events, i) => (i >= STEPS_28D - 12 ? events * 0.98 : events));
  return [rateFrame('A', perSecond(good)), rateFrame('B', perSecond(total))];
}

/** Healthy data that stops `stoppedMs` before the end of the range (an exporter that went away). */
export function stoppedFrames(stoppedMs: number): DataFrame[] {
  const length = STEPS_28D - stoppedMs / STEP_MS;
  const endMs = END_MS - stoppedMs;
  return [
    rateFrame('A', new Array(length).fill(10), STEP_MS, endMs),
    rateFrame('B', new Array(length).fill(10), STEP_MS, endMs),
  ];
}

export function noTrafficFrames(): DataFrame[] {
  return [rateFrame('A', new Array(STEPS_28D).fill(0)), rateFrame('B', new Array(STEPS_28D).fill(0))];
}

export const manualOptions = (overrides: Partial<KpiPanelOptions> = {}): KpiPanelOptions => ({
  ...defaultKpiPanelOptions,
  source: 'manual',
  targetPercent: 99.9,
  window: '28d',
  ...overrides,
});

/** The panel tests' catalog KPI: checkout, 99.9 % over 28d, the window of the hand-worked frames. */
export const catalogKpi = checkoutKpi;

/** A rate frame of one Prometheus series: its labels on the value field, as Grafana's data source puts them. */
export function labelledRateFrame(
  refId: string,
  labels: Record<string, string>,
  perSecond: number[],
  stepMs = STEP_MS
): DataFrame {
  const frame = rateFrame(refId, perSecond, stepMs);
  frame.fields[1].labels = labels;
  return frame;
}

/**
 * Per route over 28d at 5m: /pay 100 requests per step at 5 % errors, /browse 900 at 0.1 %. Aggregate
 * SLI 1 − (5 + 0.9) / 1,000 = 0.9941; burn at 99.9 % 50x for /pay, 1x for /browse, 5.9x for the whole.
 */
export function perRouteFrames(refIds: [string, string] = ['A', 'B']): DataFrame[] {
  const steady = (eventsPerStep: number) => perSecond(new Array(STEPS_28D).fill(eventsPerStep));
  return [
    labelledRateFrame(refIds[0], { route: '/browse' }, steady(899.1)),
    labelledRateFrame(refIds[1], { route: '/browse' }, steady(900)),
    labelledRateFrame(refIds[0], { route: '/pay' }, steady(95)),
    labelledRateFrame(refIds[1], { route: '/pay' }, steady(100)),
  ];
}

/** The catalog KPI of perRouteFrames: `groupBy: [route]`, both queries `sum by (route)`. */
export function perRouteKpi(maxInstances?: number): KpiDefinition {
  return catalogKpi({
    id: 'checkout-routes',
    name: 'Checkout routes',
    indicator: {
      type: 'ratio',
      good: 'sum by (route) (rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))',
      total: 'sum by (route) (rate(http_requests_total{job="checkout"}[$__rate_interval]))',
      groupBy: ['route'],
      ...(maxInstances === undefined ? {} : { maxInstances }),
    },
  });
}

export interface PropsExtras {
  /** Length of the panel's time range, ending at END_MS; 28d by default. */
  rangeMs?: number;
  /** Length of the dashboard's time range when the panel has its own relative time. */
  dashboardRangeMs?: number;
  width?: number;
  height?: number;
  state?: LoadingState;
  /** refIds of the panel's queries, as in data.request. */
  queriedRefIds?: string[];
  errors?: DataQueryError[];
  /** What the dashboard puts in for its variables; none by default. */
  replaceVariables?: (text: string) => string;
}

export function panelProps(
  series: DataFrame[],
  options: KpiPanelOptions,
  extras: PropsExtras = {}
): PanelProps<KpiPanelOptions> {
  const rangeMs = extras.rangeMs ?? 28 * DAY;
  const range = (ms: number) => ({
    from: dateTime(END_MS - ms),
    to: dateTime(END_MS),
    raw: { from: `now-${ms / HOUR}h`, to: 'now' },
  });
  const request = extras.queriedRefIds && {
    targets: extras.queriedRefIds.map((refId) => ({ refId })),
    intervalMs: STEP_MS,
  };
  return {
    id: 11,
    data: {
      series,
      state: extras.state ?? LoadingState.Done,
      timeRange: range(rangeMs),
      errors: extras.errors,
      request,
    },
    timeRange: range(extras.dashboardRangeMs ?? rangeMs),
    timeZone: 'utc',
    options,
    fieldConfig: { defaults: {}, overrides: [] },
    width: extras.width ?? 800,
    height: extras.height ?? 400,
    transparent: false,
    title: 'Checkout availability',
    renderCounter: 0,
    eventBus: {} as PanelProps['eventBus'],
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    onChangeTimeRange: jest.fn(),
    replaceVariables: extras.replaceVariables ?? ((text: string) => text),
  } as unknown as PanelProps<KpiPanelOptions>;
}
