/**
 * The interleaved-save race against the plugin host: Grafana's settings API has no compare-and-swap, so two saves
 * that read the same revision can both pass the store's check. Two editors save truly at once, round after round,
 * and every save must either be in the catalog afterwards or have been told of a conflict.
 * @grafana/runtime is replaced by a backend that sends each request to the host over real HTTP, as Grafana's
 * backendSrv would, and rejects non-2xx answers with Grafana's FetchError shape.
 */
import { from } from 'rxjs';
import { PLUGIN_ID } from '../../src/constants';
import { CatalogStore, grafanaPluginSettings } from '../../src/data/catalogStore';
import { RevisionConflictError, saveNewDraft } from '../../src/kpi/catalog';
import { checkoutKpi } from '../../src/testing/checkoutKpi';
import { ROLE_HEADER } from './hostContract';
import { startApiOnlyHost } from './apiOnlyHost';
import type { RunningHost } from './startHost';

let host: RunningHost;

jest.mock('@grafana/runtime', () => ({
  getBackendSrv: () => ({
    fetch: (options: { url: string; method?: string; data?: unknown }) => from(hostFetch(options)),
  }),
}));

async function hostFetch(options: { url: string; method?: string; data?: unknown }) {
  const response = await fetch(new URL(options.url, host.url), {
    method: options.method ?? 'GET',
    headers: { [ROLE_HEADER]: 'Admin', 'Content-Type': 'application/json' },
    body: options.data === undefined ? undefined : JSON.stringify(options.data),
  });
  const data = await response.json();
  if (!response.ok) {
    throw { status: response.status, statusText: response.statusText, data };
  }
  return { data, status: response.status, ok: true };
}

beforeAll(async () => {
  host = await startApiOnlyHost('northstar-catalog-race-');
});

afterAll(async () => {
  await host?.stop();
});

const ROUNDS = 50;
// Far longer than a request to a host on the same machine takes, as the store's default is in Grafana.
const SETTLE_MS = 40;

test(`two saves at once, ${ROUNDS} times: each is in the catalog or was told of a conflict`, async () => {
  const editors = ['left', 'right'].map((name) => ({
    name,
    store: new CatalogStore(grafanaPluginSettings(PLUGIN_ID), SETTLE_MS),
  }));
  const tally = { stored: 0, conflicts: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    // Both editors hold the same revision, as two people who opened the editor on the same catalog.
    const loaded = await Promise.all(editors.map(({ store }) => store.load()));
    const saves = await Promise.allSettled(
      editors.map(({ name, store }, index) =>
        store.save(loaded[index].revision, (state) =>
          saveNewDraft(state, checkoutKpi({ id: `${name}-${round}`, status: 'draft' }), state.revision)
        )
      )
    );
    const stored = new Set((await editors[0].store.load()).catalog.kpis.map((kpi) => kpi.id));
    saves.forEach((outcome, index) => {
      const id = `${editors[index].name}-${round}`;
      if (outcome.status === 'fulfilled') {
        expect({ round, id, stored: stored.has(id) }).toEqual({ round, id, stored: true });
        tally.stored++;
      } else {
        expect(outcome.reason).toBeInstanceOf(RevisionConflictError);
        expect({ round, id, stored: stored.has(id) }).toEqual({ round, id, stored: false });
        tally.conflicts++;
      }
    });
  }
  expect(tally.stored + tally.conflicts).toBe(2 * ROUNDS);
  // Both read the same revision each round, so at most one of the two can be stored.
  expect(tally.stored).toBe(ROUNDS);
}, 120_000);
