import { lastSampleMs, statusReason } from './display';
import { evaluatePanel, type KpiPanelOptions, resolveKpiSpec } from '../../reading';
import {
  DAY,
  END_MS,
  HOUR,
  manualOptions,
  noTrafficFrames,
  rateFrame,
  stoppedFrames,
} from '../../testing/panelFixtures';
import type { DataFrame } from '@grafana/data';

function evaluated(series: DataFrame[], options: KpiPanelOptions = manualOptions()) {
  const spec = resolveKpiSpec(options, { status: 'idle' });
  const result = spec.ok
    ? evaluatePanel(spec.value, { series, timeRange: { fromMs: END_MS - 28 * DAY, toMs: END_MS } })
    : spec;
  if (!result.ok) {
    throw new Error(result.problem.title);
  }
  return result.value;
}

describe('statusReason', () => {
  test('a stopped exporter: no samples in the shortest window, with the last sample time', () => {
    const result = evaluated(stoppedFrames(HOUR));
    expect(result.evaluation.status).toBe('no-data');
    expect(lastSampleMs(result.counts)).toBe(END_MS - HOUR);
    expect(statusReason(result, 'utc')).toBe(
      'No samples in the last 5m: the exporter or the data source may have stopped (last sample Nov 1 11:00).'
    );
  });

  test('a step longer than the policy windows says which query options fix it', () => {
    // 28d at a 1h step: the 5m, 30m and 2h windows span no whole step
    const hourly = new Array(28 * 24).fill(10);
    const result = evaluated([rateFrame('A', hourly, HOUR), rateFrame('B', hourly, HOUR)]);
    expect(result.evaluation.status).toBe('no-data');
    expect(statusReason(result)).toBe(
      "The data's step (1h) is longer than the policy's 5m window, so its rules can't be checked. " +
        'In Query options set Min interval to 5m or less and Max data points to at least 8,064.'
    );
  });

  test('no traffic is explained as not 100 %', () => {
    expect(statusReason(evaluated(noTrafficFrames()))).toMatch(/not the same as 100%/);
  });

  test('a healthy KPI needs no reason', () => {
    const result = evaluated(stoppedFrames(0));
    expect(result.evaluation.status).toBe('ok');
    expect(statusReason(result)).toBeUndefined();
  });
});
