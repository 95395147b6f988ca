/**
 * Check-ins in stored settings, beside the catalog and never in it: `jsonData.checkins` of the app, per KPI id. A
 * provisioned app's settings are replaced by its provisioning file whenever Grafana starts, so for a provisioned
 * catalog the notes go to a separate stored list, the `jsonData.checkins` of the nested panel's plugin settings,
 * which no provisioning file writes. A note changes neither the catalog nor its revision, so an open editor does
 * not conflict with it.
 *
 * A note is written like a catalog save (size check, write, pause, read-back), with one difference: it keeps the
 * `writer` token it read instead of taking a fresh one, and its read-back looks for the note itself. So a catalog
 * save whose settings a note was added on top of still finds its own token and is stored, not refused; a note
 * written over a save it did not read replaces that token, so that save is reported as a conflict. A note the
 * read-back does not find (another write replaced it) is appended once more to the settings as they are now, so a
 * concurrent note and edit keep both; missing twice, the writer is told. Nothing is lost unreported.
 */
import {
  type CheckIn,
  type CheckInDraft,
  checkInProblems,
  formatProblem,
  mergeCheckIns,
  readCheckIns,
  type StoredCheckIns,
  type ValidationProblem,
  withCheckIn,
} from '../kpi/catalog';
import { PANEL_ID, PLUGIN_ID } from '../constants';
import { DEFAULT_SETTLE_MS, grafanaPluginSettings, type PluginSettingsClient } from './catalogStore';
import { writeAndReadBack } from './settingsWrite';
import { newWriterToken } from './writerToken';

/** How many times a note is written when other writes keep replacing it. */
const ATTEMPTS = 2;

export class InvalidCheckInError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(`The check-in was not saved: ${problems.map(formatProblem).join('; ')}`);
  }
}

export class CheckInConflictError extends Error {
  constructor(kpiId: string) {
    super(
      `Other saves landed at the same moment as your check-in on ${kpiId} and replaced it twice: it was not stored. ` +
        'Your text is still in the form: add it again.'
    );
  }
}

const storedIds = (stored: unknown, kpiId: string) =>
  new Set((readCheckIns(stored)[kpiId] ?? []).map((note) => note.id));

export class CheckInStore {
  constructor(
    private readonly app: PluginSettingsClient = grafanaPluginSettings(PLUGIN_ID),
    private readonly separate: PluginSettingsClient = grafanaPluginSettings(PANEL_ID),
    private readonly settleMs = DEFAULT_SETTLE_MS,
    private readonly now: () => number = Date.now
  ) {}

  /** Every KPI's notes: the app's list and the separate list of a provisioned catalog. */
  async load(): Promise<StoredCheckIns> {
    const [app, separate] = await Promise.all([
      this.app.read(),
      // A Grafana that keeps no settings for the panel still shows the app's notes.
      this.separate.read().catch(() => ({ jsonData: {} as Record<string, unknown> })),
    ]);
    return mergeCheckIns(readCheckIns(app.jsonData.checkins), readCheckIns(separate.jsonData.checkins));
  }

  /** Stores a note on `kpiId` written by `login`; refuses bad input before anything is written. */
  async add(kpiId: string, draft: CheckInDraft, login: string): Promise<CheckIn> {
    const problems = checkInProblems(kpiId, draft, this.now());
    if (problems.length > 0) {
      throw new InvalidCheckInError(problems);
    }
    const note: CheckIn = {
      id: newWriterToken(),
      date: draft.date,
      text: draft.text.trim(),
      login,
      at: new Date(this.now()).toISOString(),
    };
    const appSettings = await this.app.read();
    const client = appSettings.jsonData.provisioned === true ? this.separate : this.app;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const settings = attempt === 0 && client === this.app ? appSettings : await client.read();
      const jsonData = {
        ...(settings.jsonData ?? {}),
        checkins: withCheckIn(settings.jsonData?.checkins, kpiId, note),
      };
      const { stored } = await writeAndReadBack(client, settings, jsonData, this.settleMs);
      if (storedIds(stored.checkins, kpiId).has(note.id)) {
        return note;
      }
    }
    throw new CheckInConflictError(kpiId);
  }
}
