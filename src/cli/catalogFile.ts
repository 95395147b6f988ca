/**
 * Reading catalogs and OpenSLO files from disk; the parsing itself is src/data/catalogYaml.ts, shared with the app.
 */
import type { Catalog, CatalogKpi } from '../kpi/model';
import { earlierVersionProblems, formatProblem, parseKpi } from '../kpi/catalog';
import { parseCatalog, parseYamlDocuments, type Loaded } from '../data/catalogYaml';
import { readLimitedFile } from './readLimitedFile';

export { parseCatalog, parseYaml, parseYamlDocuments, type Loaded } from '../data/catalogYaml';

/** The text of FILE, refused unread when it is larger than an input file may be. */
export const readText = readLimitedFile;

export async function loadCatalog(file: string): Promise<Loaded<Catalog>> {
  const text = await readText(file);
  return text.ok ? parseCatalog(file, text.value) : text;
}

/**
 * The earlier published versions of `catalog`'s KPIs from a history file: a YAML stream of catalogs, one document
 * per step back (a KPI may appear in several with different versions). Each KPI is validated on its own (a
 * version's `drivenBy` names KPIs of the catalog, not of its document), then all are checked as the catalog's past
 * (earlierVersionProblems).
 */
export async function loadEarlierVersions(file: string, catalog: Catalog): Promise<Loaded<CatalogKpi[]>> {
  const text = await readText(file);
  if (!text.ok) {
    return text;
  }
  const documents = parseYamlDocuments(file, text.value);
  if (!documents.ok) {
    return documents;
  }
  const earlier: CatalogKpi[] = [];
  const problems: string[] = [];
  documents.value.forEach((document, index) => {
    const where = `${file} (document ${index + 1})`;
    const kpis = (document as { kpis?: unknown } | null)?.kpis;
    if (!Array.isArray(kpis)) {
      problems.push(`${where}: kpis: must be a list of KPI versions`);
      return;
    }
    kpis.forEach((input: unknown, at) => {
      const parsed = parseKpi(input);
      const id = (input as { id?: unknown } | null)?.id;
      if (parsed.ok) {
        earlier.push(parsed.kpi);
      } else {
        problems.push(...parsed.problems.map((p) => `${where}: kpis[${at}] (${String(id)}).${formatProblem(p)}`));
      }
    });
  });
  problems.push(...earlierVersionProblems(catalog, earlier).map((p) => `${file}: ${formatProblem(p)}`));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: earlier };
}
