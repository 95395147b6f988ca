import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { rowWindowAt, sameRowWindow, type RowWindow } from './rowWindow';

/**
 * The window of equal-height rows the element behind the returned ref shows as it scrolls and resizes. Before
 * the first layout the viewport is taken as `initialHeight` high, so the first render already draws the rows in
 * view; a scroll re-renders only when the window moves by a row.
 */
export function useRowWindow<T extends HTMLElement>(
  count: number,
  rowHeight: number,
  overscan: number,
  initialHeight: number
): [React.RefObject<T>, RowWindow] {
  const ref = useRef<T>(null);
  const viewport = useRef({ scrollTop: 0, height: initialHeight });
  const [rowWindow, setRowWindow] = useState(() => rowWindowAt(0, initialHeight, rowHeight, count, overscan));

  const update = useCallback(() => {
    const { scrollTop, height } = viewport.current;
    const next = rowWindowAt(scrollTop, height, rowHeight, count, overscan);
    setRowWindow((previous) => (sameRowWindow(previous, next) ? previous : next));
  }, [count, rowHeight, overscan]);

  // Layout effects run before the browser paints: a changed count or a measured height never shows a blank frame.
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && element.clientHeight > 0) {
      viewport.current = { scrollTop: element.scrollTop, height: element.clientHeight };
    }
    update();
  }, [update]);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) {
      return;
    }
    const onScroll = () => {
      viewport.current = { ...viewport.current, scrollTop: element.scrollTop };
      update();
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer =
      typeof ResizeObserver === 'undefined'
        ? undefined
        : new ResizeObserver(() => {
            if (element.clientHeight > 0) {
              viewport.current = { ...viewport.current, height: element.clientHeight };
              update();
            }
          });
    observer?.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [update]);

  return [ref, rowWindow];
}
