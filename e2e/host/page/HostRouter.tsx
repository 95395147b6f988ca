import React, { useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { Router, type NavigationType, type Navigator, type Path, type To } from 'react-router-dom';
import { locationService } from '@grafana/runtime';

type HistoryAction = 'PUSH' | 'POP' | 'REPLACE';

/** The part of history 4 (behind Grafana's locationService) the router uses; that package ships no types. */
interface GrafanaHistory {
  location: Path & { state?: unknown; key?: string };
  action: HistoryAction;
  listen(listener: (location: GrafanaHistory['location'], action: HistoryAction) => void): () => void;
  push(to: To, state?: unknown): void;
  replace(to: To, state?: unknown): void;
  go(delta: number): void;
  createHref(location: Partial<Path>): string;
}

/**
 * The router Grafana renders plugins in: react-router 6 driven by the history behind @grafana/runtime's
 * locationService, so `locationService.push()` in a plugin and a react-router `navigate()` move the same URL.
 */
export function HostRouter({ children }: { children: ReactNode }) {
  const history: GrafanaHistory = locationService.getHistory();
  const [current, setCurrent] = useState({ location: history.location, action: history.action });

  useLayoutEffect(() => history.listen((location, action) => setCurrent({ location, action })), [history]);

  // history 4 (Grafana's) and react-router 6 agree on locations given as { pathname, search, hash } or strings.
  const navigator = useMemo<Navigator>(
    () => ({
      createHref: (to) => (typeof to === 'string' ? to : history.createHref({ pathname: '', ...to })),
      push: (to, state) => history.push(to, state),
      replace: (to, state) => history.replace(to, state),
      go: (delta) => history.go(delta),
    }),
    [history]
  );

  return (
    <Router location={current.location} navigationType={current.action as NavigationType} navigator={navigator}>
      {children}
    </Router>
  );
}
