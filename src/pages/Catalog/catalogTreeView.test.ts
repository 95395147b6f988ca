import { checkoutKpi } from '../../testing/checkoutKpi';
import type { CatalogKpi } from '../../kpi/model';
import { kpiForest, treeKeyAction, visibleTreeRows, type TreeRow } from './catalogTreeView';

const kpi = (id: string, drivenBy?: string[]): CatalogKpi => checkoutKpi({ id, ...(drivenBy ? { drivenBy } : {}) });

const CATALOG = [
  kpi('revenue', ['conversion']),
  kpi('conversion', ['search-latency', 'checkout-availability']),
  kpi('search-latency'),
  kpi('checkout-availability', ['payments-api']),
  kpi('payments-api'),
  kpi('login-success'),
];
const { trees, outside } = kpiForest(CATALOG);
/** Rows as "indent + key (+ or −)", so a case reads as the tree on screen. */
const drawn = (rows: TreeRow[]) =>
  rows.map((row) => `${'  '.repeat(row.level - 1)}${row.kpi.id}${row.hasDrivers ? (row.expanded ? ' −' : ' +') : ''}`);

describe('kpiForest', () => {
  test('goals with drivers make the trees; a KPI in no tree is listed outside', () => {
    expect(trees.map((tree) => tree.kpi.id)).toEqual(['revenue']);
    expect(outside.map((k) => k.id)).toEqual(['login-success']);
  });

  test('a catalog without drivenBy has no trees and every KPI outside', () => {
    const forest = kpiForest([kpi('a'), kpi('b')]);
    expect(forest.trees).toEqual([]);
    expect(forest.outside.map((k) => k.id)).toEqual(['a', 'b']);
  });
});

describe('visibleTreeRows', () => {
  test('everything is open at first: goal, drivers, their SLOs', () => {
    expect(drawn(visibleTreeRows(trees, new Set()))).toEqual([
      'revenue −',
      '  conversion −',
      '    search-latency',
      '    checkout-availability −',
      '      payments-api',
    ]);
  });

  test('a collapsed row hides everything under it and keeps its path as key', () => {
    const rows = visibleTreeRows(trees, new Set(['revenue/conversion/checkout-availability']));
    expect(drawn(rows)).toEqual([
      'revenue −',
      '  conversion −',
      '    search-latency',
      '    checkout-availability +',
    ]);
    expect(rows[2]).toMatchObject({ key: 'revenue/conversion/search-latency', parentKey: 'revenue/conversion' });
    expect(drawn(visibleTreeRows(trees, new Set(['revenue'])))).toEqual(['revenue +']);
  });
});

describe('treeKeyAction', () => {
  const rows = visibleTreeRows(trees, new Set(['revenue/conversion/checkout-availability']));
  const keyOf = (id: string) => rows.find((row) => row.kpi.id === id)!.key;

  test.each([
    ['ArrowDown on the goal moves to its first driver', 'revenue', 'ArrowDown', { focus: 'revenue/conversion' }],
    ['ArrowUp on the goal stays', 'revenue', 'ArrowUp', null],
    ['ArrowDown on the last row stays', 'checkout-availability', 'ArrowDown', null],
    ['End goes to the last row', 'revenue', 'End', { focus: 'revenue/conversion/checkout-availability' }],
    ['Home goes to the goal', 'search-latency', 'Home', { focus: 'revenue' }],
    ['ArrowRight opens a closed row', 'checkout-availability', 'ArrowRight', { expand: keyOf('checkout-availability') }],
    ['ArrowRight enters an open row', 'conversion', 'ArrowRight', { focus: keyOf('search-latency') }],
    ['ArrowRight on a leaf does nothing', 'search-latency', 'ArrowRight', null],
    ['ArrowLeft closes an open row', 'conversion', 'ArrowLeft', { collapse: 'revenue/conversion' }],
    ['ArrowLeft on a leaf goes to its parent', 'search-latency', 'ArrowLeft', { focus: 'revenue/conversion' }],
    ['Tab is left to the browser', 'revenue', 'Tab', null],
  ] as const)('%s', (_, focused, key, expected) => {
    expect(treeKeyAction(rows, keyOf(focused), key)).toEqual(expected);
  });

  test('a focus on a row that is gone (its parent closed) comes back to the first row', () => {
    expect(treeKeyAction(rows, 'revenue/conversion/checkout-availability/payments-api', 'ArrowDown')).toEqual({
      focus: 'revenue',
    });
  });
});
