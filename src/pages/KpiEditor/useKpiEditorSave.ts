import { useCallback, useState } from 'react';
import { publishDraft, RevisionConflictError, retireKpi, saveDraft, type CatalogState } from '../../kpi/catalog';
import type { CatalogKpi } from '../../kpi/model';
import type { LoadedCatalog } from '../../data/catalogStore';
import { fetchErrorMessage } from '../../data/fetchErrors';
import type { UseCatalog } from '../shared/useCatalog';

export type SaveAction = 'draft' | 'publish' | 'retire';

export type SaveOutcome =
  | { status: 'idle' }
  | { status: 'saving'; action: SaveAction }
  | { status: 'saved'; action: SaveAction; catalog: LoadedCatalog }
  | { status: 'conflict'; error: RevisionConflictError }
  | { status: 'failed'; message: string };

/** Each action as a catalog edit; the store checks the revision, the schema and published versions around it. */
const EDITS: Record<SaveAction, (kpi: CatalogKpi) => (state: CatalogState) => CatalogState> = {
  draft: (kpi) => (state) => saveDraft(state, kpi, state.revision),
  // A publish saves the form as the next version's draft and publishes it in the same save.
  publish: (kpi) => (state) => publishDraft(saveDraft(state, kpi, state.revision), kpi.id, state.revision + 1),
  retire: (kpi) => (state) => retireKpi(state, kpi.id, state.revision),
};

/**
 * Saving from the editor. A failed save leaves the form as it is and says why: a conflict (someone saved
 * since this page loaded), a refusal by the settings API (403, 500) in Grafana's words, or the schema's.
 */
export function useKpiEditorSave({ save, reload }: Pick<UseCatalog, 'save' | 'reload'>) {
  const [outcome, setOutcome] = useState<SaveOutcome>({ status: 'idle' });
  const run = useCallback(
    async (action: SaveAction, kpi: CatalogKpi) => {
      setOutcome({ status: 'saving', action });
      try {
        const catalog = await save(EDITS[action](kpi));
        setOutcome({ status: 'saved', action, catalog });
        return catalog;
      } catch (error) {
        if (error instanceof RevisionConflictError) {
          // Read what they stored, to show it beside the form; the next save is based on it.
          reload();
          setOutcome({ status: 'conflict', error });
        } else {
          setOutcome({ status: 'failed', message: fetchErrorMessage(error) });
        }
        return undefined;
      }
    },
    [save, reload]
  );
  const dismiss = useCallback(() => setOutcome({ status: 'idle' }), []);
  return { outcome, run, dismiss };
}
