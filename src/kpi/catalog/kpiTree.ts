/**
 * The KPI tree the article draws, business goals above KPIs above SLOs: each KPI's `drivenBy` names the KPIs that
 * drive it. Checked across the catalog on the raw input (like crossKpiChecks): every id must exist and the drivers
 * must not form a cycle. The tree itself is what the catalog's tree view and the KPI page's drivers section show.
 */
import type { CatalogKpi } from '../model';
import { formatPath, joinPath, type ValidationProblem } from './problems';

interface RawKpi {
  id?: unknown;
  status?: unknown;
  drivenBy?: unknown;
}

/** Each KPI's readable driver ids, by its index; ids that are not text are the schema's to report. */
function driverLists(kpis: readonly unknown[]): Array<{ id: string | undefined; drivers: unknown[] }> {
  return (kpis as Array<RawKpi | null>).map((kpi) => ({
    id: typeof kpi?.id === 'string' ? kpi.id : undefined,
    drivers: Array.isArray(kpi?.drivenBy) ? kpi.drivenBy : [],
  }));
}

/** Missing ids and cycles in `drivenBy`, for a whole raw catalog; a KPI naming itself is kpiSchema's to report. */
export function drivenByProblems(input: unknown): ValidationProblem[] {
  const kpis = (input as { kpis?: unknown } | null)?.kpis;
  if (!Array.isArray(kpis)) {
    return [];
  }
  return driverProblems(driverLists(kpis)).map(({ index, path, message }) => ({
    path: formatPath(input, ['kpis', index, ...path]),
    message,
  }));
}

/**
 * The editor's check of one KPI against the catalog it joins, paths relative to the KPI: its drivers must exist
 * and must not lead back to it.
 */
export function drivenByKpiProblems(input: unknown, catalogKpis: readonly unknown[]): ValidationProblem[] {
  const kpi = input as RawKpi | null;
  const others = catalogKpis.filter((other) => (other as RawKpi | null)?.id !== kpi?.id);
  const lists = driverLists([kpi, ...others]);
  return driverProblems(lists)
    .filter((problem) => problem.index === 0)
    .map(({ path, message }) => ({ path: joinPath(path), message }));
}

interface IndexedProblem {
  index: number;
  path: PropertyKey[];
  message: string;
}

function driverProblems(lists: ReturnType<typeof driverLists>): IndexedProblem[] {
  const indexOf = new Map<string, number>();
  lists.forEach(({ id }, index) => {
    if (id !== undefined && !indexOf.has(id)) {
      indexOf.set(id, index);
    }
  });
  const problems: IndexedProblem[] = [];
  lists.forEach(({ drivers }, index) =>
    drivers.forEach((driver, position) => {
      if (typeof driver === 'string' && !indexOf.has(driver)) {
        problems.push({
          index,
          path: ['drivenBy', position],
          message: `no KPI ${JSON.stringify(driver)} in this catalog`,
        });
      }
    })
  );
  for (const cycle of driverCycles(lists, indexOf)) {
    const names = cycle.path.map((i) => lists[i].id).join(' → ');
    problems.push({
      index: cycle.closedBy,
      path: ['drivenBy', cycle.position],
      message: `closes a cycle: ${names}; a KPI cannot drive what drives it`,
    });
  }
  return problems.sort((a, b) => a.index - b.index);
}

/**
 * The cycles a depth-first walk meets, each as the indices along it (first and last the same), told at the first
 * KPI of the catalog on it, so the editor's KPI (index 0) is always the one named. Self-references are left out.
 */
function driverCycles(
  lists: ReturnType<typeof driverLists>,
  indexOf: ReadonlyMap<string, number>
): Array<{ path: number[]; closedBy: number; position: number }> {
  const state = new Array<'new' | 'open' | 'done'>(lists.length).fill('new');
  const stack: number[] = [];
  const cycles: Array<{ path: number[]; closedBy: number; position: number }> = [];
  const visit = (index: number) => {
    state[index] = 'open';
    stack.push(index);
    lists[index].drivers.forEach((driver) => {
      const next = typeof driver === 'string' ? indexOf.get(driver) : undefined;
      if (next === undefined || next === index) {
        return;
      }
      if (state[next] === 'open') {
        cycles.push(fromFirstKpi(stack.slice(stack.indexOf(next)), lists));
      } else if (state[next] === 'new') {
        visit(next);
      }
    });
    stack.pop();
    state[index] = 'done';
  };
  lists.forEach((_, index) => state[index] === 'new' && visit(index));
  return cycles;
}

/** The cycle `loop` (indices, each driven by the next, the last by the first) from its lowest index round. */
function fromFirstKpi(
  loop: number[],
  lists: ReturnType<typeof driverLists>
): { path: number[]; closedBy: number; position: number } {
  const start = loop.indexOf(Math.min(...loop));
  const path = [...loop.slice(start), ...loop.slice(0, start)];
  const first = path[0];
  return { path: [...path, first], closedBy: first, position: lists[first].drivers.indexOf(lists[path[1]].id) };
}

/** Drivers that are retired, named at each KPI still in use that lists them: a warning, not an error. */
export function retiredDriverWarnings(catalog: { kpis: readonly CatalogKpi[] }): ValidationProblem[] {
  const byId = new Map(catalog.kpis.map((kpi) => [kpi.id, kpi]));
  return catalog.kpis.flatMap((kpi, index) =>
    kpi.status === 'retired'
      ? []
      : (kpi.drivenBy ?? []).flatMap((driver, position) =>
          byId.get(driver)?.status === 'retired'
            ? [
                {
                  path: formatPath(catalog, ['kpis', index, 'drivenBy', position]),
                  message: `${JSON.stringify(driver)} is retired: name the KPI that replaced it, or remove it`,
                },
              ]
            : []
        )
  );
}

/** One KPI of the tree and the KPIs that drive it, recursively. */
export interface KpiTreeNode {
  kpi: CatalogKpi;
  drivers: KpiTreeNode[];
  /** Set when this driver already appears above it on the path (a cycle the schema refuses): not expanded. */
  cycle?: true;
}

/**
 * The KPI tree: the goals (KPIs that drive no other KPI) at the roots, their drivers below, down to the SLOs that
 * drive nothing further. A driver shared by two goals appears under both; ids that name no KPI are left out.
 */
export function kpiTree(kpis: readonly CatalogKpi[]): KpiTreeNode[] {
  const byId = new Map(kpis.map((kpi) => [kpi.id, kpi]));
  const drivers = new Set(kpis.flatMap((kpi) => kpi.drivenBy ?? []));
  const grow = (kpi: CatalogKpi, above: ReadonlySet<string>): KpiTreeNode => {
    if (above.has(kpi.id)) {
      return { kpi, drivers: [], cycle: true };
    }
    const path = new Set(above).add(kpi.id);
    return { kpi, drivers: driversOf(kpi, byId).map((driver) => grow(driver, path)) };
  };
  return kpis.filter((kpi) => !drivers.has(kpi.id)).map((kpi) => grow(kpi, new Set()));
}

/** The KPIs that drive `kpi`, in the order it lists them; ids that name no KPI are left out. */
export function driversOf(kpi: CatalogKpi, byId: ReadonlyMap<string, CatalogKpi>): CatalogKpi[] {
  return (kpi.drivenBy ?? []).flatMap((id) => byId.get(id) ?? []);
}

/** The KPIs that list `id` among their drivers: what a driver's page links up to. */
export function drivenKpisOf(id: string, kpis: readonly CatalogKpi[]): CatalogKpi[] {
  return kpis.filter((kpi) => kpi.drivenBy?.includes(id));
}
