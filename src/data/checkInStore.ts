/**
 * Check-ins, stored as Grafana organization annotations (checkInAnnotations.ts), beside the catalog and never in
 * it: a note is never a new version, provisioning never writes annotations, and a note and a catalog edit are two
 * different records, so both are kept whatever their timing. An Editor may create annotations and a Viewer read
 * them, where plugin settings take an Admin; who may add a note to which KPI is src/utils/permissions.ts's call.
 *
 * Notes written before annotations were used stay where they were: per KPI id in the `jsonData.checkins` of the
 * app's settings, or of the nested panel's for a provisioned catalog. They are read still and never rewritten.
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
} from '../kpi/catalog';
import { PANEL_ID, PLUGIN_ID } from '../constants';
import { grafanaPluginSettings, type PluginSettingsClient } from './catalogStore';
import { type AnnotationsClient, grafanaAnnotations } from './annotationsApi';
import { CHECK_IN_TAG, checkInAnnotation, checkInsFromAnnotations } from './checkInAnnotations';

/** How many check-in annotations a load reads, newest first. */
export const CHECK_IN_LOAD_LIMIT = 5_000;

export class InvalidCheckInError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(`The check-in was not saved: ${problems.map(formatProblem).join('; ')}`);
  }
}

const NO_SETTINGS = { jsonData: {} as Record<string, unknown> };

export class CheckInStore {
  constructor(
    private readonly annotations: AnnotationsClient = grafanaAnnotations(),
    private readonly app: PluginSettingsClient = grafanaPluginSettings(PLUGIN_ID),
    private readonly separate: PluginSettingsClient = grafanaPluginSettings(PANEL_ID),
    private readonly now: () => number = Date.now
  ) {}

  /** Every KPI's notes: the annotations, and the notes stored in settings before them. */
  async load(): Promise<StoredCheckIns> {
    const [items, app, separate] = await Promise.all([
      this.annotations.find([CHECK_IN_TAG], CHECK_IN_LOAD_LIMIT),
      // The settings hold only older notes: a Grafana that answers nothing there still shows the annotations.
      this.app.read().catch(() => NO_SETTINGS),
      this.separate.read().catch(() => NO_SETTINGS),
    ]);
    return mergeCheckIns(
      checkInsFromAnnotations(items),
      readCheckIns(app.jsonData.checkins),
      readCheckIns(separate.jsonData.checkins)
    );
  }

  /** Stores a note on `kpiId` written by `login`; refuses bad input before anything is written. */
  async add(kpiId: string, draft: CheckInDraft, login: string): Promise<CheckIn> {
    const problems = checkInProblems(kpiId, draft, this.now());
    if (problems.length > 0) {
      throw new InvalidCheckInError(problems);
    }
    const annotation = checkInAnnotation(kpiId, draft);
    const { id } = await this.annotations.create(annotation);
    return {
      id: `annotation-${id}`,
      date: draft.date,
      text: annotation.text,
      login,
      at: new Date(this.now()).toISOString(),
    };
  }
}
