import type { PluginSettingsClient } from './catalogStore';
import { CheckInConflictError, CheckInStore, InvalidCheckInError } from './checkInStore';
import { memorySettings } from '../testing/memorySettings';

const NOW = Date.UTC(2026, 10, 14, 9, 30); // 2026-11-14T09:30Z
const INCIDENT = { date: '2026-11-12', text: 'conversion dip: search incident INC-123, fixed on 12 Nov' };
const catalogOf = (...kpis: unknown[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

const storeOver = (app: PluginSettingsClient, separate = memorySettings({}).client) =>
  new CheckInStore(app, separate, 0, () => NOW);

describe('CheckInStore.add', () => {
  test('stores the note with login and time beside the catalog, leaving catalog and revision as they were', async () => {
    const app = memorySettings({ revision: 'r1', catalog: catalogOf({ id: 'conversion' }), defaultDatasourceUid: 'p' });
    const note = await storeOver(app.client).add('conversion', INCIDENT, 'alice');
    expect(note).toEqual({ ...INCIDENT, id: expect.any(String), login: 'alice', at: '2026-11-14T09:30:00.000Z' });
    const stored = app.current().jsonData;
    expect(stored).toMatchObject({
      revision: 'r1',
      catalog: catalogOf({ id: 'conversion' }),
      defaultDatasourceUid: 'p',
    });
    expect(stored.checkins).toEqual({ conversion: [note] });
    expect(await storeOver(app.client).load()).toEqual({ conversion: [note] });
  });

  test('a provisioned catalog takes its notes in the separate list, which re-provisioning leaves alone', async () => {
    const provisioned = { provisioned: true, revision: 1, catalog: catalogOf({ id: 'conversion' }) };
    const app = memorySettings(provisioned);
    const separate = memorySettings({});
    const store = storeOver(app.client, separate.client);
    const note = await store.add('conversion', INCIDENT, 'alice');
    expect(app.writes).toHaveLength(0);
    expect(separate.current().jsonData.checkins).toEqual({ conversion: [note] });
    // Grafana restarts and writes the provisioning file's jsonData again.
    await app.client.write({ enabled: true, pinned: true, jsonData: provisioned });
    expect(await store.load()).toEqual({ conversion: [note] });
  });

  test('a 100 KB note is refused naming the KPI and the field, and nothing is written', async () => {
    const app = memorySettings({ revision: 'r1' });
    const adding = storeOver(app.client).add('conversion', { date: '2026-11-12', text: 'x'.repeat(102_400) }, 'bob');
    await expect(adding).rejects.toBeInstanceOf(InvalidCheckInError);
    await expect(adding).rejects.toThrow(
      'The check-in was not saved: checkIns (conversion).text: is 102,400 characters long; a check-in takes at most 2,000'
    );
    expect(app.writes).toHaveLength(0);
  });

  test('HTML is stored as the text it is', async () => {
    const app = memorySettings({});
    const text = '<img src=x onerror=alert(1)> dip';
    const note = await storeOver(app.client).add('conversion', { date: '2026-11-12', text }, 'mallory');
    expect(note.text).toBe(text);
    expect(app.current().jsonData.checkins).toEqual({ conversion: [note] });
  });
});

describe('a note and another write at the same moment', () => {
  /** A client whose first `overtakes` writes are followed at once by another writer's, built from what it read. */
  function racingClient(
    settings: ReturnType<typeof memorySettings>,
    overtakes: number,
    theirs: (stored: Record<string, unknown>) => Record<string, unknown>
  ): PluginSettingsClient {
    let left = overtakes;
    return {
      read: settings.client.read,
      write: async (mine) => {
        const before = (await settings.client.read()).jsonData;
        await settings.client.write(mine);
        if (left-- > 0) {
          // Their save read the settings before our write, so it carries neither our note nor our token.
          await settings.client.write({ ...mine, jsonData: { ...theirs(before), writer: `theirs-${left}` } });
        }
      },
    };
  }

  test('an edit that overtakes the note keeps both: the note is written again on top of the edit', async () => {
    const settings = memorySettings({ revision: 'r1', catalog: catalogOf({ id: 'conversion', name: 'Old' }) });
    const edit = (stored: Record<string, unknown>) => ({
      ...stored,
      revision: 'r2',
      catalog: catalogOf({ id: 'conversion', name: 'Edited' }),
    });
    const note = await storeOver(racingClient(settings, 1, edit)).add('conversion', INCIDENT, 'alice');
    expect(settings.current().jsonData).toMatchObject({
      revision: 'r2',
      catalog: catalogOf({ id: 'conversion', name: 'Edited' }),
      checkins: { conversion: [note] },
    });
  });

  test("a note added on top of a save keeps that save's writer token, so the save is not told of a false conflict", async () => {
    const settings = memorySettings({ revision: 'r2', writer: 'their-save' });
    await storeOver(settings.client).add('conversion', INCIDENT, 'alice');
    expect(settings.current().jsonData).toMatchObject({ revision: 'r2', writer: 'their-save' });
  });

  test('an overtaking writer that had read the note already: the note is stored once, not twice', async () => {
    const settings = memorySettings({ revision: 'r1' });
    const client: PluginSettingsClient = {
      read: settings.client.read,
      write: async (mine) => {
        await settings.client.write(mine);
        // Their save read after ours landed: it carries our note, with its own token.
        await settings.client.write({ ...mine, jsonData: { ...mine.jsonData, revision: 'r2', writer: 'theirs' } });
      },
    };
    const note = await storeOver(client).add('conversion', INCIDENT, 'alice');
    expect(settings.current().jsonData.checkins).toEqual({ conversion: [note] });
    expect(settings.writes).toHaveLength(2);
  });

  test('overtaken on every attempt, the writer is told and nothing claims to be stored', async () => {
    const settings = memorySettings({ revision: 'r1' });
    const adding = storeOver(racingClient(settings, 5, (stored) => stored)).add('conversion', INCIDENT, 'alice');
    await expect(adding).rejects.toBeInstanceOf(CheckInConflictError);
    await expect(adding).rejects.toThrow('Your text is still in the form: add it again.');
    expect(settings.current().jsonData.checkins).toBeUndefined();
  });
});
