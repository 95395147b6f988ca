import { useCallback, useEffect, useState } from 'react';
import type { CheckIn, CheckInDraft, StoredCheckIns } from '../../kpi/catalog';
import { CheckInStore } from '../../data/checkInStore';
import { fetchErrorMessage } from '../../data/fetchErrors';

export type CheckInsLoad =
  { status: 'loading' } | { status: 'loaded'; checkIns: StoredCheckIns } | { status: 'error'; message: string };

let sharedStore = new CheckInStore();

/** Tests give the pages a store over in-memory settings. */
export function setCheckInStoreForTests(store: CheckInStore): void {
  sharedStore = store;
}

/** Every KPI's check-ins, loaded on mount; `add` stores one and shows it at once. */
export function useCheckIns() {
  const [load, setLoad] = useState<CheckInsLoad>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    sharedStore.load().then(
      (checkIns) => current && setLoad({ status: 'loaded', checkIns }),
      (error: unknown) => current && setLoad({ status: 'error', message: fetchErrorMessage(error) })
    );
    return () => {
      current = false;
    };
  }, []);
  const add = useCallback(async (kpiId: string, draft: CheckInDraft, login: string): Promise<CheckIn> => {
    const note = await sharedStore.add(kpiId, draft, login);
    setLoad((previous) => {
      const checkIns = previous.status === 'loaded' ? previous.checkIns : {};
      return { status: 'loaded', checkIns: { ...checkIns, [kpiId]: [...(checkIns[kpiId] ?? []), note] } };
    });
    return note;
  }, []);
  return { load, add };
}
