/**
 * Reading catalogs and OpenSLO files from disk; the parsing itself is src/data/catalogYaml.ts, shared with the app.
 */
import type { Catalog } from '../kpi/model';
import { parseCatalog, type Loaded } from '../data/catalogYaml';
import { readLimitedFile } from './readLimitedFile';

export { parseCatalog, parseYaml, parseYamlDocuments, type Loaded } from '../data/catalogYaml';

/** The text of FILE, refused unread when it is larger than an input file may be. */
export const readText = readLimitedFile;

export async function loadCatalog(file: string): Promise<Loaded<Catalog>> {
  const text = await readText(file);
  return text.ok ? parseCatalog(file, text.value) : text;
}
