import { useEffect, useState } from 'react';

/**
 * What `read` answers, read once per page when `needed`: undefined while it loads or when it failed, so callers
 * say they cannot tell rather than take a failed read for an empty answer. `read` must be a stable function.
 */
export function useReadOnce<T>(needed: boolean, read: () => Promise<T>): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    if (!needed) {
      return;
    }
    let current = true;
    read().then(
      (answer) => current && setValue(() => answer),
      () => undefined
    );
    return () => {
      current = false;
    };
  }, [needed, read]);
  return value;
}
