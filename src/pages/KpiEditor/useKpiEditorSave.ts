import { useCallback, useState } from 'react';
import {
  publishDraft,
  RevisionConflictError,
  retireKpi,
  saveDraft,
  saveNewDraft,
  type CatalogState,
} from '../../kpi/catalog';
import type { CatalogKpi } from '../../kpi/model';
import type { LoadedCatalog } from '../../data/catalogStore';
import { fetchErrorMessage } from '../../data/fetchErrors';
import type { UseCatalog } from '../../components/catalog/useCatalog';

export type SaveAction = 'draft' | 'publish' | 'retire';

export type SaveOutcome =
  | { status: 'idle' }
  | { status: 'saving'; action: SaveAction }
  | { status: 'saved'; action: SaveAction; catalog: LoadedCatalog }
  | { status: 'conflict'; error: RevisionConflictError }
  | { status: 'failed'; message: string };

type Edit = (state: CatalogState) => CatalogState;

/** The form's KPI as a draft: a new KPI never takes an id in use (saveNewDraft refuses it rather than replace). */
const draftEdit =
  (kpi: CatalogKpi, isNew: boolean): Edit =>
  (state) =>
    isNew ? saveNewDraft(state, kpi, state.revision) : saveDraft(state, kpi, state.revision);

/** Each action as a catalog edit; the store checks the revision, the schema and published versions around it. */
const EDITS: Record<SaveAction, (kpi: CatalogKpi, isNew: boolean) => Edit> = {
  draft: draftEdit,
  // A publish saves the form as the next version's draft and publishes it in the same save.
  publish: (kpi, isNew) => (state) => publishDraft(draftEdit(kpi, isNew)(state), kpi.id, state.revision),
  retire: (kpi) => (state) => retireKpi(state, kpi.id, state.revision),
};

/**
 * Saving from the editor. A failed save leaves the form as it is and says why: a conflict (someone saved
 * since this page loaded), a refusal by the settings API (403, 500) in Grafana's words, or the schema's.
 */
export function useKpiEditorSave({ save, reload }: Pick<UseCatalog, 'save' | 'reload'>) {
  const [outcome, setOutcome] = useState<SaveOutcome>({ status: 'idle' });
  const run = useCallback(
    async (action: SaveAction, kpi: CatalogKpi, isNew = false) => {
      setOutcome({ status: 'saving', action });
      try {
        const catalog = await save(EDITS[action](kpi, isNew));
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
