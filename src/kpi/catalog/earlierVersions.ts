/**
 * Earlier published versions of a catalog's KPIs, for a catalog that arrives as a file (provisioning, the demo
 * host): the file holds only each KPI's current definition, so the versions before it come from a history file
 * of their own. They join the history as the app would have stored them had it published each one.
 */
import type { Catalog, CatalogKpi } from '../model';
import type { VersionHistory } from './catalog';
import type { ValidationProblem } from './problems';

/**
 * What keeps `earlier` from being the published past of `catalog`, each naming the version and the field: a
 * version of a KPI the catalog does not have, one that is not published, one not below the catalog's version,
 * or the same version twice.
 */
export function earlierVersionProblems(catalog: Catalog, earlier: readonly CatalogKpi[]): ValidationProblem[] {
  const current = new Map(catalog.kpis.map((kpi) => [kpi.id, kpi]));
  const seen = new Set<string>();
  return earlier.flatMap((kpi, index): ValidationProblem[] => {
    const path = `versions[${index}] (${kpi.id} v${kpi.version})`;
    const now = current.get(kpi.id);
    const key = `${kpi.id}\u0000${kpi.version}`;
    const repeated = seen.has(key);
    seen.add(key);
    if (!now) {
      return [{ path: `${path}.id`, message: 'is not a KPI of the catalog' }];
    }
    if (kpi.status !== 'published') {
      return [{ path: `${path}.status`, message: `must be published: the history keeps published versions only` }];
    }
    if (kpi.version >= now.version) {
      return [{ path: `${path}.version`, message: `must be below the catalog's version ${now.version}` }];
    }
    return repeated ? [{ path: `${path}.version`, message: 'is given twice' }] : [];
  });
}

/** The history of a catalog published as it stands, after `earlier` versions (checked by earlierVersionProblems). */
export function publishedHistory(catalog: Catalog, earlier: readonly CatalogKpi[] = []): VersionHistory {
  const history: VersionHistory = {};
  for (const kpi of catalog.kpis) {
    if (kpi.status !== 'draft') {
      const before = earlier.filter((version) => version.id === kpi.id).sort((a, b) => a.version - b.version);
      history[kpi.id] = [...before, kpi];
    }
  }
  return history;
}
