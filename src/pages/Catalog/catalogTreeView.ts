/**
 * What the catalog's tree view shows: the goals (KPIs nobody drives) that have drivers, each followed by its
 * drivers and theirs, as the rows a keyboard walks; KPIs in no tree come after. Pure, so the walk needs no React.
 */
import { kpiTree, type KpiTreeNode } from '../../kpi/catalog';
import type { CatalogKpi } from '../../kpi/model';

export interface KpiForest {
  /** Goals with at least one driver, in catalog order. */
  trees: KpiTreeNode[];
  /** KPIs that drive nothing and have no drivers. */
  outside: CatalogKpi[];
}

export function kpiForest(kpis: readonly CatalogKpi[]): KpiForest {
  const roots = kpiTree(kpis);
  return {
    trees: roots.filter((root) => root.drivers.length > 0),
    outside: roots.filter((root) => root.drivers.length === 0).map((root) => root.kpi),
  };
}

/** One visible row of the tree. A driver shared by two goals has a row under each: its key is its path. */
export interface TreeRow {
  key: string;
  parentKey?: string;
  kpi: CatalogKpi;
  /** 1 for a goal, as aria-level counts. */
  level: number;
  hasDrivers: boolean;
  expanded: boolean;
}

/** The rows a reader sees: every node whose ancestors are all expanded (nodes are expanded unless collapsed). */
export function visibleTreeRows(trees: readonly KpiTreeNode[], collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: KpiTreeNode, level: number, parentKey?: string) => {
    const key = parentKey === undefined ? node.kpi.id : `${parentKey}/${node.kpi.id}`;
    const hasDrivers = node.drivers.length > 0;
    const expanded = hasDrivers && !collapsed.has(key);
    rows.push({ key, parentKey, kpi: node.kpi, level, hasDrivers, expanded });
    if (expanded) {
      node.drivers.forEach((driver) => walk(driver, level + 1, key));
    }
  };
  trees.forEach((tree) => walk(tree, 1));
  return rows;
}

/** What a key press on the focused row does: move the focus, or expand or collapse a row. */
export type TreeKeyAction = { focus: string } | { expand: string } | { collapse: string } | null;

/**
 * The WAI-ARIA tree keys: ↓ and ↑ move, → opens a closed row or enters an open one, ← closes an open row or goes
 * to its parent, Home and End go to the first and last row. Anything else is the browser's.
 */
export function treeKeyAction(rows: readonly TreeRow[], focusedKey: string, key: string): TreeKeyAction {
  const index = rows.findIndex((row) => row.key === focusedKey);
  const row = rows[index];
  if (!row) {
    return rows.length > 0 ? { focus: rows[0].key } : null;
  }
  const focusAt = (i: number) => (rows[i] && i !== index ? { focus: rows[i].key } : null);
  switch (key) {
    case 'ArrowDown':
      return focusAt(index + 1);
    case 'ArrowUp':
      return focusAt(index - 1);
    case 'Home':
      return focusAt(0);
    case 'End':
      return focusAt(rows.length - 1);
    case 'ArrowRight':
      if (!row.hasDrivers) {
        return null;
      }
      return row.expanded ? focusAt(index + 1) : { expand: row.key };
    case 'ArrowLeft':
      if (row.expanded) {
        return { collapse: row.key };
      }
      return row.parentKey === undefined ? null : { focus: row.parentKey };
    default:
      return null;
  }
}
