import { useEffect } from 'react';

/**
 * Asks before the tab closes or reloads while `unsaved`. A `beforeunload` listener rather than react-router's
 * blocker: useBlocker needs a data router, which neither Grafana 12/13 nor the plugin host gives an app page.
 * Links inside Grafana navigate without unloading, so they are not covered.
 */
export function useUnsavedChangesPrompt(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) {
      return;
    }
    const ask = (event: BeforeUnloadEvent) => {
      // The browsers Grafana supports prompt on preventDefault; the deprecated returnValue is not needed.
      event.preventDefault();
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
}
