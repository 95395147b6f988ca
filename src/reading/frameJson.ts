/**
 * Frames as `/api/ds/query` writes them (Grafana's data frame JSON) read into data frames, the same in Node (the CLI)
 * as in the browser: `@grafana/data`'s dataFrameFromJSON needs a browser `window`, and the copies it makes of each
 * field and frame cost the catalog's 1,000 KPIs more than reading their values. What it decodes is decoded the same
 * way: values JSON cannot write (NaN, ±Infinity, undefined) come back where `entities` lists them, enum fields become
 * their strings, shorter columns are padded to the frame's length, and a field without a type gets the type Grafana
 * would guess from its name and first value.
 */
import type { DataFrame, Field, FieldType } from '@grafana/data';

/** A frame as `/api/ds/query` writes it. */
export interface FrameJson {
  schema?: {
    refId?: string;
    name?: string;
    fields?: Array<{ name?: string; type?: string; labels?: Record<string, string>; config?: object }>;
  };
  data?: {
    values?: unknown[][];
    entities?: Array<Partial<Record<FrameEntity, number[]>> | null | undefined>;
    enums?: Array<unknown[] | null | undefined>;
  };
}

/** The entity names of the wire format: values JSON has no literal for. */
export type FrameEntity = 'NaN' | 'Inf' | 'NegInf' | 'Undef';

export const ENTITY_VALUES: Readonly<Record<FrameEntity, number | undefined>> = {
  NaN: NaN,
  Inf: Infinity,
  NegInf: -Infinity,
  Undef: undefined,
};

const NUMBER_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Grafana's guess (guessFieldTypeFromNameAndValue) for a field whose type the JSON does not write. */
function guessedType(name: string, values: readonly unknown[]): string {
  const first = values.find((value) => value !== null && value !== undefined);
  if (first === undefined) {
    return 'other';
  }
  const lower = name.toLowerCase();
  if (lower === 'time' || lower === 'date' || first instanceof Date) {
    return 'time';
  }
  switch (typeof first) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return NUMBER_TEXT.test(first) ? 'number' : first === 'true' || first === 'false' ? 'boolean' : 'string';
    default:
      return 'other';
  }
}

/** The frame under `refId` (a frame names the query it answers, but the caller knows it best). */
export function frameFromJson(json: FrameJson, refId: string): DataFrame {
  const columns = json.data?.values ?? [];
  let length = 0;
  for (const column of columns) {
    length = Math.max(length, column.length);
  }
  const fields: Field[] = (json.schema?.fields ?? []).map((wire, index) => {
    const column = columns[index] ?? [];
    const entities = json.data?.entities?.[index];
    const enums = json.data?.enums?.[index];
    // The answer's own array unless a value has to be put in: nothing reads a frame to change it.
    let values: unknown[] = column;
    if (column.length !== length || entities || enums) {
      values = Array.from({ length }, (_, i) => (i < column.length ? column[i] : undefined));
      // In the order the JSON lists them, as Grafana's decoder puts them back: of two at one index the last stays.
      for (const [entity, indices] of Object.entries(entities ?? {})) {
        const value = ENTITY_VALUES[entity as FrameEntity];
        indices?.forEach((at) => at < length && (values[at] = value));
      }
      if (enums) {
        values = values.map((value) => enums[Number(value)]);
      }
    }
    const name = wire.name ?? '';
    const type = enums ? 'string' : (wire.type ?? guessedType(name, values));
    return {
      name,
      type: type as FieldType,
      config: wire.config ?? {},
      values,
      ...(wire.labels ? { labels: wire.labels } : {}),
    };
  });
  return { refId, name: json.schema?.name, fields, length };
}
