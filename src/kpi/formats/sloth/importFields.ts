/** Reading the plain objects of a Sloth spec: a field that is missing or of the wrong type is refused with its path. */
import { record, refuse } from '../../model';

export function text(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') {
    refuse(field, 'missing');
  }
  return typeof value === 'string' ? value : refuse(field, 'must be a string');
}

export function optionalText(value: unknown, field: string): string | undefined {
  return value === undefined || value === '' ? undefined : text(value, field);
}

export function stringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) {
    return {};
  }
  const map = record(value, field);
  for (const [key, item] of Object.entries(map)) {
    if (typeof item !== 'string') {
      refuse(`${field}.${key}`, 'must be a string');
    }
  }
  return map as Record<string, string>;
}
