import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogState } from '../../kpi/catalog';
import { CatalogStore, type LoadedCatalog } from '../../data/catalogStore';
import { forgetAppCatalog } from '../../data/loadAppCatalog';
import { fetchErrorMessage } from '../../data/fetchErrors';

export type CatalogLoad =
  { status: 'loading' } | { status: 'loaded'; catalog: LoadedCatalog } | { status: 'error'; message: string };

export interface UseCatalog {
  load: CatalogLoad;
  reload: () => void;
  /** Saves an edit based on the revision loaded; rejects with the store's errors (conflict, provisioned, invalid). */
  save: (edit: (state: CatalogState) => CatalogState) => Promise<LoadedCatalog>;
}

let sharedStore = new CatalogStore();

/** The store every page writes through, so that all writes carry the writer token and the size check. */
export const catalogStore = (): CatalogStore => sharedStore;

/** Tests give the pages a store over an in-memory client. */
export function setCatalogStoreForTests(store: CatalogStore): void {
  sharedStore = store;
}

/**
 * The stored catalog for a page: loaded on mount, reloaded on demand, and replaced by what a save stored, so
 * the page always edits the revision it shows. A reload keeps the catalog on screen until the new one arrives,
 * so a form built on it keeps what the user typed.
 */
export function useCatalog(): UseCatalog {
  const [load, setLoad] = useState<CatalogLoad>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const revision = useRef<string>('');

  useEffect(() => {
    let current = true;
    sharedStore.load().then(
      (catalog) => {
        if (current) {
          revision.current = catalog.revision;
          setLoad({ status: 'loaded', catalog });
        }
      },
      (error: unknown) => current && setLoad({ status: 'error', message: fetchErrorMessage(error) })
    );
    return () => {
      current = false;
    };
  }, [generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const save = useCallback(async (edit: (state: CatalogState) => CatalogState) => {
    const saved = await sharedStore.save(revision.current, edit);
    revision.current = saved.revision;
    // Panels read the catalog through a short-lived cache: start them from the saved one.
    forgetAppCatalog();
    setLoad({ status: 'loaded', catalog: saved });
    return saved;
  }, []);

  return { load, reload, save };
}
