/**
 * Check-ins: dated notes on a KPI ("conversion dip: search incident INC-123, fixed on 12 Nov"), each with the login
 * of who wrote it and when. They sit beside the catalog, never in a KPI's definition, so a note is never a new
 * version; the store keeps them per KPI id (`{ "conversion": [note, …] }`).
 */
import { isFutureReviewDate, parseReviewDate } from './review';
import type { ValidationProblem } from './problems';

/** The tag every check-in annotation carries: a dashboard's annotation query on it shows the notes on its charts. */
export const CHECK_IN_TAG = 'northstar-check-in';

const KPI_TAG_PREFIX = 'kpi:';

/** The tag naming the KPI a check-in annotation is about (`kpi:conversion`); generated dashboards carry it too. */
export const kpiTag = (kpiId: string) => `${KPI_TAG_PREFIX}${kpiId}`;

/** The KPI id a `kpi:<id>` tag names; undefined for any other tag. */
export function kpiIdOfTag(tag: string): string | undefined {
  return tag.startsWith(KPI_TAG_PREFIX) && tag.length > KPI_TAG_PREFIX.length
    ? tag.slice(KPI_TAG_PREFIX.length)
    : undefined;
}

/** Long enough for an incident summary with links; a pasted log or page is refused, not cut short. */
export const CHECK_IN_MAX_LENGTH = 2_000;

export interface CheckIn {
  /** Random, so two notes written at the same moment stay two notes when stored lists are merged. */
  id: string;
  /** The day the note is about, YYYY-MM-DD: where it sits on the KPI's charts. */
  date: string;
  text: string;
  /** The Grafana login of who wrote it. */
  login: string;
  /** When it was written, an ISO time. */
  at: string;
}

/** What a person types; the store adds id, login and time. */
export interface CheckInDraft {
  date: string;
  text: string;
}

/** Stored check-ins per KPI id. */
export type StoredCheckIns = Record<string, CheckIn[]>;

/** The problems of a note about to be stored, each naming the KPI and the field. */
export function checkInProblems(kpiId: string, draft: CheckInDraft, nowMs: number): ValidationProblem[] {
  const where = (field: keyof CheckInDraft) => `checkIns (${kpiId}).${field}`;
  const problems: ValidationProblem[] = [];
  const text = draft.text.trim();
  if (text.length === 0) {
    problems.push({ path: where('text'), message: 'is empty: say what happened' });
  } else if (text.length > CHECK_IN_MAX_LENGTH) {
    problems.push({
      path: where('text'),
      message: `is ${text.length.toLocaleString('en-US')} characters long; a check-in takes at most ${CHECK_IN_MAX_LENGTH.toLocaleString('en-US')}`,
    });
  }
  const dateMs = parseReviewDate(draft.date);
  if (dateMs === null) {
    problems.push({ path: where('date'), message: 'must be a date such as 2026-11-12 (YYYY-MM-DD)' });
  } else if (isFutureReviewDate(dateMs, nowMs)) {
    problems.push({ path: where('date'), message: 'is in the future: a check-in notes what happened' });
  }
  return problems;
}

function isCheckIn(value: unknown): value is CheckIn {
  const entry = value as Partial<Record<keyof CheckIn, unknown>> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    (['id', 'date', 'text', 'login', 'at'] as const).every((key) => typeof entry[key] === 'string')
  );
}

/**
 * The readable check-ins of a stored value; anything else (a hand-edited entry) is left out of what is shown.
 * Nothing rewrites the stored lists any more (new notes are annotations), so such entries stay stored as they are.
 */
export function readCheckIns(stored: unknown): StoredCheckIns {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    return {};
  }
  const checkIns: StoredCheckIns = {};
  for (const [kpiId, list] of Object.entries(stored)) {
    const readable = Array.isArray(list) ? list.filter(isCheckIn) : [];
    if (readable.length > 0) {
      checkIns[kpiId] = readable;
    }
  }
  return checkIns;
}

/** Both sets of notes, each note once (by id): the app's own list and a provisioned catalog's separate list. */
export function mergeCheckIns(...lists: StoredCheckIns[]): StoredCheckIns {
  const merged: StoredCheckIns = {};
  const seen = new Set<string>();
  for (const stored of lists) {
    for (const [kpiId, notes] of Object.entries(stored)) {
      for (const note of notes) {
        if (!seen.has(note.id)) {
          seen.add(note.id);
          (merged[kpiId] ??= []).push(note);
        }
      }
    }
  }
  return merged;
}

/** A KPI's notes, newest first: by the day they are about, then by when they were written. */
export function checkInsOf(stored: StoredCheckIns, kpiId: string): CheckIn[] {
  return [...(stored[kpiId] ?? [])].sort((a, b) =>
    a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.at < b.at ? 1 : a.at > b.at ? -1 : 0
  );
}

const HALF_DAY_MS = 43_200_000;

/**
 * Where a note's day sits on a time axis: noon UTC, which lies inside that same day in every zone from UTC-12 to
 * UTC+12, so a report period in the catalog's zone and a chart in the browser's agree on the day.
 */
export function checkInTimeMs(note: Pick<CheckIn, 'date'>): number | null {
  const dayMs = parseReviewDate(note.date);
  return dayMs === null ? null : dayMs + HALF_DAY_MS;
}

/** The notes whose day falls in [fromMs, toMs): the ones a chart or a report period shows. */
export function checkInsBetween(notes: readonly CheckIn[], fromMs: number, toMs: number): CheckIn[] {
  return notes.filter((note) => {
    const atMs = checkInTimeMs(note);
    return atMs !== null && atMs >= fromMs && atMs < toMs;
  });
}
