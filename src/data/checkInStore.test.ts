import { CheckInStore, InvalidCheckInError } from './checkInStore';
import { CHECK_IN_TAG } from './checkInAnnotations';
import { memoryAnnotations } from '../testing/memoryAnnotations';
import { memorySettings } from '../testing/memorySettings';

const NOW = Date.UTC(2026, 10, 14, 9, 30); // 2026-11-14T09:30Z
const INCIDENT = { date: '2026-11-12', text: 'conversion dip: search incident INC-123, fixed on 12 Nov' };
const catalogOf = (...kpis: unknown[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

function storeOver(
  app = memorySettings({}),
  separate = memorySettings({}),
  annotations = memoryAnnotations('alice', () => NOW)
) {
  return {
    store: new CheckInStore(annotations.client, app.client, separate.client, () => NOW),
    app,
    separate,
    annotations,
  };
}

describe('CheckInStore.add', () => {
  test('writes one organization annotation at noon UTC of the day, tagged for the KPI; the settings are not touched', async () => {
    const { store, app, annotations } = storeOver(
      memorySettings({ revision: 'r1', catalog: catalogOf({ id: 'conversion' }) })
    );
    const note = await store.add('conversion', { ...INCIDENT, text: `  ${INCIDENT.text}\n` }, 'alice');
    expect(note).toEqual({ ...INCIDENT, id: 'annotation-1', login: 'alice', at: '2026-11-14T09:30:00.000Z' });
    expect(annotations.items).toEqual([
      {
        id: 1,
        time: Date.UTC(2026, 10, 12, 12),
        tags: [CHECK_IN_TAG, 'kpi:conversion'],
        text: INCIDENT.text,
        login: 'alice',
        created: NOW,
      },
    ]);
    expect(app.writes).toHaveLength(0);
    expect(await store.load()).toEqual({ conversion: [note] });
  });

  test('a 100 KB note is refused naming the KPI and the field, and nothing is written', async () => {
    const { store, annotations } = storeOver();
    const adding = store.add('conversion', { date: '2026-11-12', text: 'x'.repeat(102_400) }, 'bob');
    await expect(adding).rejects.toBeInstanceOf(InvalidCheckInError);
    await expect(adding).rejects.toThrow(
      'The check-in was not saved: checkIns (conversion).text: is 102,400 characters long; a check-in takes at most 2,000'
    );
    expect(annotations.items).toHaveLength(0);
  });

  test('a day in the future is refused naming the field', async () => {
    const { store, annotations } = storeOver();
    await expect(store.add('conversion', { date: '2026-11-20', text: 'later' }, 'bob')).rejects.toThrow(
      'checkIns (conversion).date: is in the future'
    );
    expect(annotations.items).toHaveLength(0);
  });

  test('HTML is stored as the text it is', async () => {
    const { store, annotations } = storeOver();
    const text = '<img src=x onerror=alert(1)> dip';
    const note = await store.add('conversion', { date: '2026-11-12', text }, 'mallory');
    expect(note.text).toBe(text);
    expect(annotations.items[0].text).toBe(text);
  });

  test('Grafana’s 403 for a user without annotations:create reaches the caller as Grafana sent it', async () => {
    const annotations = memoryAnnotations();
    annotations.client.create = async () => {
      throw { status: 403, data: { message: 'Access denied to this dashboard' } };
    };
    const { store } = storeOver(memorySettings({}), memorySettings({}), annotations);
    await expect(store.add('conversion', INCIDENT, 'vera')).rejects.toEqual({
      status: 403,
      data: { message: 'Access denied to this dashboard' },
    });
  });
});

describe('CheckInStore.load', () => {
  const older = { id: 'n1', date: '2026-11-01', text: 'stored in settings', login: 'bob', at: '2026-11-01T10:00:00Z' };
  const panelNote = {
    id: 'n2',
    date: '2026-11-02',
    text: 'a provisioned catalog’s',
    login: 'carol',
    at: '2026-11-02T10:00:00Z',
  };

  test('notes stored in the app’s and the panel’s settings before annotations are still read: none is lost', async () => {
    const { store } = storeOver(
      memorySettings({ checkins: { conversion: [older] } }),
      memorySettings({ checkins: { conversion: [panelNote] } })
    );
    const note = await store.add('conversion', INCIDENT, 'alice');
    expect(await store.load()).toEqual({ conversion: [note, older, panelNote] });
  });

  test('provisioning rewrites the app’s settings, never the annotations', async () => {
    const provisioned = { provisioned: true, revision: 1, catalog: catalogOf({ id: 'conversion' }) };
    const { store, app } = storeOver(memorySettings(provisioned));
    const note = await store.add('conversion', INCIDENT, 'alice');
    await app.client.write({ enabled: true, pinned: true, jsonData: provisioned });
    expect(await store.load()).toEqual({ conversion: [note] });
  });

  test('settings that cannot be read (a Viewer without app access) still leave the annotations', async () => {
    const failing = memorySettings({});
    failing.client.read = async () => {
      throw new Error('Access Denied');
    };
    const { store } = storeOver(failing, failing);
    const note = await store.add('conversion', INCIDENT, 'alice');
    expect(await store.load()).toEqual({ conversion: [note] });
  });
});
