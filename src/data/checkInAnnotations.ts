/**
 * Check-ins as Grafana organization annotations: one annotation per note, tagged `northstar-check-in` and
 * `kpi:<id>`, at noon UTC of the day it is about, with Grafana's own record of who wrote it (`login`) and when
 * (`created`). Pure: the requests are made by checkInStore.ts.
 */
import {
  CHECK_IN_TAG,
  checkInTimeMs,
  kpiIdOfTag,
  kpiTag,
  type CheckIn,
  type CheckInDraft,
  type StoredCheckIns,
} from '../kpi/catalog';
import type { AnnotationItem, NewAnnotation } from './annotationsApi';

export { CHECK_IN_TAG };

/** The annotation of a checked draft (checkInProblems found nothing). */
export function checkInAnnotation(kpiId: string, draft: CheckInDraft): NewAnnotation {
  const time = checkInTimeMs(draft);
  if (time === null) {
    throw new Error(`checkIns (${kpiId}).date: "${draft.date}" is not a day`);
  }
  return { time, tags: [CHECK_IN_TAG, kpiTag(kpiId)], text: draft.text.trim() };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function isAnnotationItem(value: unknown): value is AnnotationItem {
  const item = value as Partial<Record<keyof AnnotationItem, unknown>> | null;
  return (
    typeof item === 'object' &&
    item !== null &&
    typeof item.id === 'number' &&
    typeof item.time === 'number' &&
    Number.isFinite(item.time) &&
    typeof item.text === 'string' &&
    Array.isArray(item.tags)
  );
}

/**
 * The check-ins among annotations, per KPI: an annotation tagged for two KPIs (written by hand in Grafana) is a
 * note on each. Anything that is not a check-in annotation is left out, never an error.
 */
export function checkInsFromAnnotations(items: readonly unknown[]): StoredCheckIns {
  const checkIns: StoredCheckIns = {};
  for (const item of items) {
    if (!isAnnotationItem(item) || !item.tags.includes(CHECK_IN_TAG)) {
      continue;
    }
    const created = typeof item.created === 'number' && Number.isFinite(item.created) ? item.created : item.time;
    const note: Omit<CheckIn, 'id'> = {
      date: isoDay(item.time),
      text: item.text,
      login: typeof item.login === 'string' && item.login !== '' ? item.login : 'unknown',
      at: new Date(created).toISOString(),
    };
    for (const tag of item.tags) {
      const kpiId = typeof tag === 'string' ? kpiIdOfTag(tag) : undefined;
      if (kpiId !== undefined) {
        (checkIns[kpiId] ??= []).push({ id: `annotation-${item.id}`, ...note });
      }
    }
  }
  return checkIns;
}
