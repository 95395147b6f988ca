import fc from 'fast-check';
import type { VersionHistory } from './catalog';
import { compactHistory, expandHistory } from './historyCompaction';
import type { CatalogKpi } from '../model';
import { checkoutKpi } from '../../testing/checkoutKpi';

/** `count` published versions of `id`, each changing the target and every fifth the description too. */
function versionsOf(id: string, count: number): CatalogKpi[] {
  return Array.from({ length: count }, (_, i) =>
    checkoutKpi({
      id,
      version: i + 1,
      objective: { target: 0.99 + i / 10_000 },
      description: `Share of ${id} requests served without a 5xx (revised ${Math.floor(i / 5)}).`,
    })
  );
}

const size = (value: unknown) => JSON.stringify(value).length;

describe('compactHistory', () => {
  test('a later version is stored as the fields it changed; reading gives the full versions back', () => {
    const [v1, v2] = versionsOf('checkout-availability', 2);
    const stored = compactHistory({ [v1.id]: [v1, v2] });
    expect(stored[v1.id]).toEqual([
      v1,
      { delta: { set: { version: 2, objective: { target: 0.9901, window: '28d' } } } },
    ]);
    expect(expandHistory(stored)).toEqual({ [v1.id]: [v1, v2] });
  });

  test('a field a version drops is stored as unset and dropped again on reading', () => {
    const v1 = checkoutKpi({ version: 1, decision: 'Freeze releases' });
    const v2 = checkoutKpi({ version: 2, decision: undefined });
    const stored = compactHistory({ [v1.id]: [v1, v2] });
    expect(stored[v1.id][1]).toEqual({ delta: { set: { version: 2 }, unset: ['decision'] } });
    expect(expandHistory(stored)[v1.id][1]).not.toHaveProperty('decision');
  });

  test('drafts and repeated versions that found their way into the history are dropped', () => {
    const [v1, v2] = versionsOf('checkout-availability', 2);
    const draft = { ...v2, version: 3, status: 'draft' as const };
    const stored = compactHistory({ [v1.id]: [v1, v1, v2, draft] });
    expect(expandHistory(stored)[v1.id].map((kpi) => kpi.version)).toEqual([1, 2]);
  });

  test('histories stored whole before keep loading', () => {
    const versions = versionsOf('checkout-availability', 3);
    expect(expandHistory({ [versions[0].id]: versions })).toEqual({ [versions[0].id]: versions });
  });

  test('any history of published versions reads back as it was', () => {
    const change = fc.record({
      target: fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
      owner: fc.constantFrom('team-a', 'team-b'),
      decision: fc.option(fc.string(), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 8 }), (changes) => {
        const versions = changes.map((c, i) =>
          checkoutKpi({ version: i + 1, objective: { target: c.target }, owner: c.owner, decision: c.decision })
        );
        const history: VersionHistory = { [versions[0].id]: versions };
        expect(expandHistory(JSON.parse(JSON.stringify(compactHistory(history))))).toEqual(
          JSON.parse(JSON.stringify(history))
        );
      })
    );
  });

  test('1,000 KPIs × 20 versions: 10.2 MB whole, 2.2 MB compacted, both far past 64 KiB', () => {
    const history: VersionHistory = {};
    for (let k = 0; k < 1_000; k++) {
      history[`kpi-${k}`] = versionsOf(`kpi-${k}`, 20);
    }
    const before = size(history);
    const after = size(compactHistory(history));
    expect(Math.round(before / 100_000) / 10).toBe(10.2);
    expect(Math.round(after / 100_000) / 10).toBe(2.2);
    expect(after).toBeGreaterThan(65_535);
  });
});
