import { renderHook } from '@testing-library/react';
import type { PanelData } from '@grafana/data';
import { handWorkedFrames, manualOptions, panelProps } from '../../testing/panelFixtures';
import type { CatalogState, KpiPanelOptions } from '../../reading';
import { useKpiEvaluation } from './useKpiEvaluation';

const idle: CatalogState = { status: 'idle' };

describe('useKpiEvaluation', () => {
  const options = manualOptions();
  const data = panelProps(handWorkedFrames(), options).data;

  function renderEvaluation() {
    return renderHook(({ o, d }: { o: KpiPanelOptions; d: PanelData }) => useKpiEvaluation(o, d, idle), {
      initialProps: { o: options, d: data },
    });
  }

  test('the same frames and options give the same evaluation object: nothing is recomputed', () => {
    const { result, rerender } = renderEvaluation();
    const first = result.current;
    // A new PanelData wrapper (as after a resize or a loading-state change) around the same frames
    rerender({ o: options, d: { ...data, timeRange: { ...data.timeRange } } });
    expect(result.current).toBe(first);
  });

  test('new frames or new options evaluate again', () => {
    const { result, rerender } = renderEvaluation();
    const first = result.current;
    rerender({ o: options, d: { ...data, series: [...data.series] } });
    const second = result.current;
    expect(second).not.toBe(first);
    rerender({ o: { ...options, targetPercent: 99 }, d: { ...data, series: data.series } });
    expect(result.current).not.toBe(second);
    expect(result.current.ok && result.current.value.spec.target).toBe(0.99);
  });
});
