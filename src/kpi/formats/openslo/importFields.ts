/**
 * Reading the plain objects of an OpenSLO document: a field that is missing or of the wrong type is refused with its
 * path, and the northstar.dev annotations are read as text, JSON or a version number.
 */
import { record, refuse } from '../../model';
import { NORTHSTAR_ANNOTATIONS } from './types';

export interface Notes {
  text(key: string): string | undefined;
  json<T>(key: string): T | undefined;
  version(): number | undefined;
}

/** Reads the northstar.dev annotations; the schema check after import validates what they hold. */
export function readNotes(value: unknown): Notes {
  const annotations = value === undefined ? {} : record(value, 'metadata.annotations');
  const field = (key: string) => `metadata.annotations["${key}"]`;
  const noteText = (key: string) => optionalText(annotations[key], field(key));
  return {
    text: noteText,
    json<T>(key: string): T | undefined {
      const raw = noteText(key);
      try {
        return raw === undefined ? undefined : (JSON.parse(raw) as T);
      } catch {
        return refuse(field(key), 'is not valid JSON');
      }
    },
    version() {
      const raw = noteText(NORTHSTAR_ANNOTATIONS.version);
      if (raw !== undefined && !/^\d+$/.test(raw)) {
        refuse(field(NORTHSTAR_ANNOTATIONS.version), `"${raw}" is not a whole number`);
      }
      return raw === undefined ? undefined : Number(raw);
    },
  };
}

export function array(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) {
    refuse(field, 'missing');
  }
  return Array.isArray(value) ? value : refuse(field, 'must be a list');
}

export function text(value: unknown, field: string): string {
  if (value === undefined || value === null) {
    refuse(field, 'missing');
  }
  return typeof value === 'string' ? value : refuse(field, 'must be a string');
}

export function optionalText(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : text(value, field);
}

export function numberAt(value: unknown, field: string): number {
  if (value === undefined || value === null) {
    refuse(field, 'missing');
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : refuse(field, 'must be a number');
}
