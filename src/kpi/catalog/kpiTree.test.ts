import fc from 'fast-check';
import { checkoutKpi } from '../../testing/checkoutKpi';
import type { CatalogKpi } from '../model';
import { drivenByKpiProblems, drivenKpisOf, kpiTree, type KpiTreeNode, validateCatalog } from './index';

const kpi = (id: string, drivenBy?: string[]): CatalogKpi => checkoutKpi({ id, ...(drivenBy ? { drivenBy } : {}) });

/** The tree as nested ids, so a case reads as the tree it draws. */
const shape = (nodes: KpiTreeNode[]): unknown[] =>
  nodes.map((node) => (node.drivers.length > 0 ? { [node.kpi.id]: shape(node.drivers) } : node.kpi.id));

describe('kpiTree', () => {
  test('goal KPIs at the roots, their drivers below, down to the SLOs', () => {
    const kpis = [
      kpi('revenue', ['conversion']),
      kpi('conversion', ['search-latency', 'checkout-availability']),
      kpi('search-latency'),
      kpi('checkout-availability', ['payments-api']),
      kpi('payments-api'),
      kpi('on-its-own'),
    ];
    expect(shape(kpiTree(kpis))).toEqual([
      { revenue: [{ conversion: ['search-latency', { 'checkout-availability': ['payments-api'] }] }] },
      'on-its-own',
    ]);
  });

  test('a driver shared by two goals appears under both; a missing id is left out', () => {
    const kpis = [kpi('conversion', ['database', 'gone']), kpi('retention', ['database']), kpi('database')];
    expect(shape(kpiTree(kpis))).toEqual([{ conversion: ['database'] }, { retention: ['database'] }]);
  });

  test('a cycle (which the schema refuses) stops instead of recursing for ever', () => {
    const kpis = [kpi('goal', ['a']), kpi('a', ['b']), kpi('b', ['a'])];
    const [goal] = kpiTree(kpis);
    const b = goal.drivers[0].drivers[0];
    expect(b.kpi.id).toBe('b');
    expect(b.drivers[0]).toMatchObject({ kpi: { id: 'a' }, drivers: [], cycle: true });
  });

  test('drivenKpisOf lists what a driver drives', () => {
    const kpis = [kpi('conversion', ['search-latency']), kpi('retention', ['search-latency']), kpi('search-latency')];
    expect(drivenKpisOf('search-latency', kpis).map((k) => k.id)).toEqual(['conversion', 'retention']);
  });
});

describe('drivenBy cycles', () => {
  /** Kahn's algorithm: an independent judge of whether the drivers graph (self-references aside) has a cycle. */
  function hasCycle(edges: number[][]): boolean {
    const n = edges.length;
    const indegree = new Array<number>(n).fill(0);
    edges.forEach((targets, from) => targets.forEach((to) => to !== from && indegree[to]++));
    const ready = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
    let removed = 0;
    while (ready.length > 0) {
      const from = ready.pop()!;
      removed++;
      edges[from].forEach((to) => to !== from && --indegree[to] === 0 && ready.push(to));
    }
    return removed < n;
  }

  const graphs = fc
    .integer({ min: 1, max: 7 })
    .chain((n) =>
      fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }), { minLength: n, maxLength: n })
    );

  test('validateCatalog reports a cycle exactly when the drivers graph has one, and always ends', () => {
    fc.assert(
      fc.property(graphs, (edges) => {
        const ids = edges.map((_, i) => `kpi-${i}`);
        const kpis = edges.map((targets, i) =>
          kpi(
            ids[i],
            targets.filter((t) => t !== i).map((t) => ids[t])
          )
        );
        const result = validateCatalog({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });
        const cycles = result.ok ? [] : result.problems.filter((p) => p.message.startsWith('closes a cycle'));
        expect(cycles.length > 0).toBe(hasCycle(edges));
        expect(result.ok).toBe(!hasCycle(edges));
        // Whatever the graph, the tree is finite.
        expect(() => kpiTree(kpis)).not.toThrow();
      })
    );
  });

  test('the editor names a cycle its KPI would close, relative to the KPI', () => {
    const catalog = [kpi('conversion', ['search-latency']), kpi('search-latency')];
    const edited = kpi('search-latency', ['conversion']);
    expect(drivenByKpiProblems(edited, catalog)).toEqual([
      {
        path: 'drivenBy[0]',
        message: 'closes a cycle: search-latency → conversion → search-latency; a KPI cannot drive what drives it',
      },
    ]);
    expect(drivenByKpiProblems(kpi('conversion', ['serch-latency']), catalog)).toEqual([
      { path: 'drivenBy[0]', message: 'no KPI "serch-latency" in this catalog' },
    ]);
  });
});
