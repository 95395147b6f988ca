import { useEffect, useState } from 'react';
import { isFetchError } from '@grafana/runtime';

/**
 * Loading (with the value of the previous load, if any), the loaded value, or the error. A load that finishes
 * after a newer one started, or after unmount, is dropped.
 */
export type Loaded<T> =
  { state: 'loading'; previous?: T } | { state: 'done'; value: T } | { state: 'error'; error: Error };

/** Errors, including BackendSrv's FetchError (`{status, data: {message}}`), as Error with a readable message. */
export function asError(error: unknown): Error {
  if (isFetchError(error)) {
    return new Error(`HTTP ${error.status}: ${error.data?.message ?? error.statusText ?? 'request failed'}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs `load` and again whenever it changes (memoize it with useCallback to say when). */
export function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [result, setResult] = useState<{ load: () => Promise<T>; loaded: Loaded<T> }>();
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setResult({ load, loaded: { state: 'done', value } }),
      (error: unknown) => current && setResult({ load, loaded: { state: 'error', error: asError(error) } })
    );
    return () => {
      current = false;
    };
  }, [load]);
  if (result?.load === load) {
    return result.loaded;
  }
  return { state: 'loading', previous: result?.loaded.state === 'done' ? result.loaded.value : undefined };
}
