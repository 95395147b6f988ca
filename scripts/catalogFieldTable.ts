/**
 * The catalog reference's field table, generated from schema/catalog.schema.json (itself generated from the zod
 * schema), so docs/catalog.md lists every field the schema accepts and nothing it refuses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CATALOG_DOC = join(__dirname, '../docs/catalog.md');
export const CATALOG_SCHEMA = join(__dirname, '../schema/catalog.schema.json');
export const TABLE_START = '<!-- catalog-fields:start (npm run docs:catalog writes this table) -->';
export const TABLE_END = '<!-- catalog-fields:end -->';

type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  description?: string;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
};

interface Row {
  field: string;
  when: string;
  type: string;
  required: boolean;
  notes: string;
}

// JavaScript's Number.MAX_SAFE_INTEGER, zod's bound for an integer: says nothing a reader needs.
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

function typeOf(schema: JsonSchema): string {
  if (schema.const !== undefined) {
    return `\`${JSON.stringify(schema.const)}\``;
  }
  if (schema.enum) {
    return schema.enum.map((value) => `\`${String(value)}\``).join(' \\| ');
  }
  if (schema.type === 'array' && schema.items) {
    return `list of ${typeOf(schema.items)}`;
  }
  if (schema.anyOf) {
    return schema.anyOf.map(typeOf).join(' or ');
  }
  if (schema.type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return `map of name to ${typeOf(schema.additionalProperties)}`;
  }
  return schema.type ?? 'any';
}

function constraintsOf(schema: JsonSchema): string[] {
  const notes: string[] = [];
  if (schema.exclusiveMinimum !== undefined) {
    notes.push(`> ${schema.exclusiveMinimum}`);
  }
  if (schema.minimum !== undefined) {
    notes.push(`≥ ${schema.minimum}`);
  }
  if (schema.exclusiveMaximum !== undefined) {
    notes.push(`< ${schema.exclusiveMaximum}`);
  }
  if (schema.maximum !== undefined && schema.maximum !== UNBOUNDED) {
    notes.push(`≤ ${schema.maximum}`);
  }
  if (schema.minItems !== undefined || schema.maxItems !== undefined) {
    notes.push(
      schema.maxItems === undefined
        ? `at least ${schema.minItems} item(s)`
        : `${schema.minItems ?? 0}–${schema.maxItems} items`
    );
  }
  const pattern = schema.pattern ?? schema.items?.pattern;
  if (pattern !== undefined) {
    notes.push(`matches \`${pattern}\``);
  }
  if (schema.default !== undefined) {
    notes.push(`default \`${JSON.stringify(schema.default)}\``);
  }
  return notes;
}

// The variant's discriminator: `type: ratio` for indicators, `policy: custom` for alerting.
function variantName(variant: JsonSchema): string {
  const properties = Object.entries(variant.properties ?? {});
  const [key, value] = properties.find(([, property]) => property.const !== undefined) ?? [];
  // A variant told apart by the discriminator's absence (`policy: false`, a value KPI's alerting).
  const [absent] = properties.find(([, property]) => (property as unknown) === false) ?? [];
  return key !== undefined ? `${key}: ${String(value?.const)}` : absent !== undefined ? `no ${absent}` : '';
}

function rowsOf(schema: JsonSchema, path: string, when: string, required: boolean, rows: Row[]): void {
  if ((schema as unknown) === false) {
    // A field this variant must not have: the variant's `when` says so.
    return;
  }
  if (schema.oneOf) {
    const notes = [schema.description, 'one of the kinds below'].filter(Boolean).join('; ');
    rows.push({ field: path, when, type: 'object', required, notes });
    for (const variant of schema.oneOf) {
      rowsOf(variant, path, variantName(variant), required, rows);
    }
    return;
  }
  if (path !== '' && Object.keys(schema).length === 0) {
    // zod's z.unknown().refine(() => false): named so that validation refuses it with a message of its own.
    rows.push({ field: path, when, type: '—', required: false, notes: 'refused here, with the reason' });
    return;
  }
  if (path !== '') {
    const notes = [schema.description, ...constraintsOf(schema)].filter(Boolean).join('; ');
    rows.push({ field: path, when, type: schema.properties ? 'object' : typeOf(schema), required, notes });
  }
  // Fields of the object itself, of a list's items, or of the object form of a string-or-object field.
  const [fields, prefix] =
    schema.type === 'array' && schema.items?.properties
      ? [schema.items, `${path}[]`]
      : [schema.anyOf?.find((option) => option.properties) ?? schema, path];
  for (const [name, property] of Object.entries(fields.properties ?? {})) {
    const child = prefix === '' ? name : `${prefix}.${name}`;
    rowsOf(property, child, when, fields.required?.includes(name) ?? false, rows);
  }
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The Markdown table of every field of the catalog schema, one row per field (and per variant of a oneOf). */
export function catalogFieldTable(schema: JsonSchema): string {
  const rows: Row[] = [];
  rowsOf(schema, '', '', true, rows);
  const lines = [
    '| field | when | type | required | meaning and limits |',
    '|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| \`${row.field}\` | ${row.when ? `\`${row.when}\`` : ''} | ${row.type} | ${row.required ? 'yes' : ''} | ` +
        `${escapeCell(row.notes)} |`
    ),
  ];
  return lines.join('\n');
}

export function readCatalogSchema(): JsonSchema {
  return JSON.parse(readFileSync(CATALOG_SCHEMA, 'utf8'));
}

/** docs/catalog.md with the table between its markers replaced by `table`. */
export function withFieldTable(doc: string, table: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`docs/catalog.md: the markers ${TABLE_START} … ${TABLE_END} are missing`);
  }
  return `${doc.slice(0, start + TABLE_START.length)}\n${table}\n${doc.slice(end)}`;
}
