import { useCallback, useMemo } from 'react';
import type { TimeRange } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { checkTimeRange, type TimeRangeShortfall } from './timeRangeCheck';

/**
 * Whether the panel's range (its data's, which includes a panel's own relative time) covers the SLO window, and
 * the fix: the URL change the time picker makes, which classic and Scenes dashboards both follow.
 */
export function useTimeRangeShortfall(
  panelRange: TimeRange,
  dashboardRange: TimeRange,
  windowMs: number | undefined
): { shortfall: TimeRangeShortfall | null; showWholeWindow: () => void } {
  const fromMs = panelRange.from.valueOf();
  const toMs = panelRange.to.valueOf();
  const dashboardSpanMs = dashboardRange.to.valueOf() - dashboardRange.from.valueOf();
  const shortfall = useMemo(
    () =>
      windowMs === undefined ? null : checkTimeRange({ fromMs, toMs }, { fromMs: 0, toMs: dashboardSpanMs }, windowMs),
    [windowMs, fromMs, toMs, dashboardSpanMs]
  );
  const relativeFrom = shortfall?.relativeFrom;
  const showWholeWindow = useCallback(() => {
    if (relativeFrom) {
      locationService.partial({ from: relativeFrom, to: 'now' });
    }
  }, [relativeFrom]);
  return { shortfall, showWholeWindow };
}
