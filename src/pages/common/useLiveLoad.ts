import { useEffect, useState } from 'react';

/** What a live read of one subject (a KPI, a value KPI) shows: nothing asked, on its way, its value, or why not. */
export type Live<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'done'; value: T } | { status: 'error'; message: string };

/**
 * `load(subject)` run live: again when `subject` or `refreshKey` changes, never for a null subject. An Error the
 * loader returns (a failed request) is the error state; an answer that arrives after a newer request began is
 * dropped. `load` should be a module-level function: a new one each render would ask again each render.
 */
export function useLiveLoad<S, T>(
  subject: S | null,
  load: (subject: S) => Promise<T | Error>,
  refreshKey = 0
): Live<T> {
  // The answer remembers what it answers, so a newer request reads as loading without a state change in the effect.
  const [answer, setAnswer] = useState<{ subject: S; refreshKey: number; value: Live<T> }>();

  useEffect(() => {
    if (subject === null) {
      return;
    }
    let current = true;
    load(subject).then(
      (loaded) => {
        if (current) {
          const value: Live<T> =
            loaded instanceof Error ? { status: 'error', message: loaded.message } : { status: 'done', value: loaded };
          setAnswer({ subject, refreshKey, value });
        }
      },
      (error: unknown) => {
        if (current) {
          const message = error instanceof Error ? error.message : String(error);
          setAnswer({ subject, refreshKey, value: { status: 'error', message } });
        }
      }
    );
    return () => {
      current = false;
    };
  }, [subject, load, refreshKey]);

  if (subject === null) {
    return IDLE;
  }
  return answer && answer.subject === subject && answer.refreshKey === refreshKey ? answer.value : (LOADING as Live<T>);
}

const IDLE = { status: 'idle' } as const;
const LOADING = { status: 'loading' } as const;
