import type { VersionHistory } from '../../kpi/catalog';
import type { CatalogKpi } from '../../kpi/model';

/**
 * Every version of a KPI, oldest first: the published ones from the history, then the current definition when
 * it is not one of them (a draft of the next version, or a retired one).
 */
export function versionsOf(history: VersionHistory, current: CatalogKpi): CatalogKpi[] {
  const published = history[current.id] ?? [];
  const last = published.at(-1);
  if (last && last.version === current.version && current.status === 'published') {
    return published;
  }
  return [...published.filter((kpi) => kpi.version !== current.version || current.status === 'published'), current];
}

export function versionLabel(kpi: CatalogKpi): string {
  return `v${kpi.version}${kpi.status === 'published' ? '' : ` (${kpi.status})`}`;
}
