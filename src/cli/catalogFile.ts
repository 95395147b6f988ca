/**
 * Reading catalogs and OpenSLO files from disk; the parsing itself is src/data/catalogYaml.ts, shared with the app.
 */
import { readFile } from 'node:fs/promises';
import type { Catalog } from '../kpi/model';
import { parseCatalog, type Loaded } from '../data/catalogYaml';

export { parseCatalog, parseYaml, parseYamlDocuments, type Loaded } from '../data/catalogYaml';

/** Large catalogs are fine; anything bigger than this is almost surely not a catalog. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export async function readText(file: string): Promise<Loaded<string>> {
  try {
    const buffer = await readFile(file);
    if (buffer.length > MAX_FILE_BYTES) {
      return {
        ok: false,
        problems: [`${file}: is ${buffer.length} bytes, more than the ${MAX_FILE_BYTES} a catalog may have`],
      };
    }
    return { ok: true, value: buffer.toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String((error as Error).message);
    return { ok: false, problems: [`${file}: ${reason}`] };
  }
}

export async function loadCatalog(file: string): Promise<Loaded<Catalog>> {
  const text = await readText(file);
  return text.ok ? parseCatalog(file, text.value) : text;
}
