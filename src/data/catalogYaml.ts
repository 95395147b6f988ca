/**
 * Catalog YAML in and out, for the CLI and the app alike (import, export, provisioning): YAML problems come back as
 * `FILE:LINE:COL: message`, catalog problems as `FILE: kpis[2] (id).field: message`; nothing here throws on bad
 * input. Pure: the CLI reads files, the app reads what the user picked.
 */
import { parseAllDocuments, parseDocument, stringify, type Document } from 'yaml';
import type { Catalog } from '../kpi/model';
import { formatProblem, validateCatalog } from '../kpi/catalog';

export type Loaded<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function yamlProblems(file: string, doc: Document): string[] {
  return doc.errors.map((error) => {
    const at = error.linePos?.[0];
    const where = at ? `${file}:${at.line}:${at.col}` : file;
    // The yaml library's message repeats the position and quotes the source; its first line says it all.
    return `${where}: YAML syntax error: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
  });
}

/** Aliases are expanded with a limit, so a "billion laughs" file is refused instead of eating the memory. */
function toJs(file: string, doc: Document): Loaded<unknown> {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch (error) {
    return { ok: false, problems: [`${file}: ${(error as Error).message}`] };
  }
}

/** Parses one YAML document; an empty file is a problem, not an empty catalog. */
export function parseYaml(file: string, text: string): Loaded<unknown> {
  if (text.trim() === '') {
    return { ok: false, problems: [`${file}: is empty: expected apiVersion, kind and kpis`] };
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: yamlProblems(file, doc) };
  }
  return toJs(file, doc);
}

/** Parses a multi-document YAML stream (OpenSLO). */
export function parseYamlDocuments(file: string, text: string): Loaded<unknown[]> {
  const docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const problems = list.flatMap((doc) => yamlProblems(file, doc as Document));
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const values: unknown[] = [];
  for (const doc of list) {
    const value = toJs(file, doc as Document);
    if (!value.ok) {
      return value;
    }
    if (value.value !== null && value.value !== undefined) {
      values.push(value.value);
    }
  }
  if (values.length === 0) {
    return { ok: false, problems: [`${file}: is empty: expected at least one document`] };
  }
  return { ok: true, value: values };
}

/** Validates catalog text with the same schema and messages as the editor. */
export function parseCatalog(file: string, text: string): Loaded<Catalog> {
  const parsed = parseYaml(file, text);
  if (!parsed.ok) {
    return parsed;
  }
  const result = validateCatalog(parsed.value);
  return result.ok
    ? { ok: true, value: result.catalog }
    : { ok: false, problems: result.problems.map((p) => `${file}: ${formatProblem(p)}`) };
}

/** A catalog as YAML the way `northstar convert --to catalog` writes it: long queries stay on one line. */
export function catalogToYaml(catalog: Catalog): string {
  return stringify(catalog, { lineWidth: 0, aliasDuplicateObjects: false });
}
