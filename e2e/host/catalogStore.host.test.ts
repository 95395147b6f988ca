/**
 * The interleaved-save race against the plugin host: Grafana's settings API has no compare-and-swap, so two saves
 * that read the same revision can both pass the store's check. Two editors save truly at once, round after round,
 * and every save must either be in the catalog afterwards or have been told of a conflict; then an Editor's check-in
 * (a Grafana annotation) and an Admin's catalog edit race the same way and both are always kept, and a provisioned
 * catalog's notes outlive its provisioning.
 * @grafana/runtime is replaced by a backend that sends each request to the host over real HTTP, as Grafana's
 * backendSrv would, and rejects non-2xx answers with Grafana's FetchError shape.
 */
import { from } from 'rxjs';
import { PANEL_ID, PLUGIN_ID } from '../../src/constants';
import { CatalogStore, grafanaPluginSettings } from '../../src/data/catalogStore';
import { CheckInStore } from '../../src/data/checkInStore';
import { grafanaAnnotations } from '../../src/data/annotationsApi';
import { checkInsOf, provisionedCatalogFields, RevisionConflictError, saveNewDraft } from '../../src/kpi/catalog';
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

/** Check-ins are written by an Editor who owns the KPI; everything else by an Admin. */
const roleOf = (url: string) => (url.startsWith('/api/annotations') ? 'Editor' : 'Admin');

async function hostFetch(options: { url: string; method?: string; data?: unknown }) {
  const response = await fetch(new URL(options.url, host.url), {
    method: options.method ?? 'GET',
    headers: { [ROLE_HEADER]: roleOf(options.url), 'Content-Type': 'application/json' },
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
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

test(`an Editor's check-in and an Admin's edit at once, ${ROUNDS} times: both are always kept`, async () => {
  const editor = new CatalogStore(grafanaPluginSettings(PLUGIN_ID), SETTLE_MS);
  const notes = new CheckInStore(
    grafanaAnnotations(),
    grafanaPluginSettings(PLUGIN_ID),
    grafanaPluginSettings(PANEL_ID)
  );
  for (let round = 0; round < ROUNDS; round++) {
    const loaded = await editor.load();
    const [edit, note] = await Promise.allSettled([
      editor.save(loaded.revision, (state) =>
        saveNewDraft(state, checkoutKpi({ id: `edit-${round}`, status: 'draft' }), state.revision)
      ),
      // Staggered by 0, 15 and 30 ms so the note lands before, inside and after the edit's read-back window.
      delay((round % 3) * 15).then(() =>
        notes.add('checkout-availability', { date: '2026-11-12', text: `note ${round}` }, 'editor')
      ),
    ]);
    // A note is an annotation of its own, so it can neither replace an edit nor be replaced by one.
    expect({ round, edit: edit.status, note: note.status }).toEqual({ round, edit: 'fulfilled', note: 'fulfilled' });
    const storedIds = new Set((await editor.load()).catalog.kpis.map((kpi) => kpi.id));
    const storedNotes = checkInsOf(await notes.load(), 'checkout-availability');
    expect({ round, edit: storedIds.has(`edit-${round}`) }).toEqual({ round, edit: true });
    expect({ round, note: storedNotes.filter((n) => n.text === `note ${round}`).map((n) => n.login) }).toEqual({
      round,
      note: ['editor'],
    });
  }
  expect(checkInsOf(await notes.load(), 'checkout-availability')).toHaveLength(ROUNDS);
}, 120_000);

test('a Viewer cannot write a check-in: Grafana refuses the annotation', async () => {
  const response = await fetch(new URL('/api/annotations', host.url), {
    method: 'POST',
    headers: { [ROLE_HEADER]: 'Viewer', 'Content-Type': 'application/json' },
    body: JSON.stringify({ time: Date.UTC(2026, 10, 12, 12), tags: ['northstar-check-in', 'kpi:x'], text: 'no' }),
  });
  expect(response.status).toBe(403);
  expect(await response.json()).toEqual({ message: 'Access denied to this dashboard' });
});

test('a provisioned catalog keeps its check-ins when Grafana provisions it again', async () => {
  const provisioned = provisionedCatalogFields({
    apiVersion: 'northstar.dev/v1',
    kind: 'KpiCatalog',
    kpis: [checkoutKpi()],
  });
  const app = grafanaPluginSettings(PLUGIN_ID);
  await app.write({ enabled: true, pinned: true, jsonData: provisioned });
  const notes = new CheckInStore(grafanaAnnotations(), app, grafanaPluginSettings(PANEL_ID));
  const note = await notes.add('checkout-availability', { date: '2026-11-12', text: 'INC-123' }, 'editor');
  // What Grafana does on every start: the provisioning file's jsonData replaces the app's.
  await app.write({ enabled: true, pinned: true, jsonData: provisioned });
  expect(checkInsOf(await notes.load(), 'checkout-availability').map((n) => n.text)).toContain(note.text);
});
