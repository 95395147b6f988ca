import type { VersionHistory } from '../../kpi/catalog';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { versionLabel, versionsOf } from './versions';

const v1 = checkoutKpi({ version: 1, objective: { target: 0.99 } });
const v2 = checkoutKpi({ version: 2, objective: { target: 0.995 } });
const history: VersionHistory = { [v1.id]: [v1, v2] };

describe('versionsOf', () => {
  test('a published current version that the history ends with adds nothing', () => {
    expect(versionsOf(history, v2).map((kpi) => kpi.version)).toEqual([1, 2]);
  });

  test('a draft of the next version comes after every published one', () => {
    const draft = checkoutKpi({ version: 3, status: 'draft' });
    expect(versionsOf(history, draft).map(versionLabel)).toEqual(['v1', 'v2', 'v3 (draft)']);
  });

  test('a retired KPI replaces the published entry of its own version', () => {
    const retired = { ...v2, status: 'retired' as const };
    expect(versionsOf(history, retired).map(versionLabel)).toEqual(['v1', 'v2 (retired)']);
  });

  test('a KPI without history is its only version', () => {
    expect(versionsOf({}, v1)).toEqual([v1]);
  });
});

test.each([
  [1, 'published', 'v1'],
  [4, 'draft', 'v4 (draft)'],
  [7, 'retired', 'v7 (retired)'],
] as const)('version %i, %s, is labelled %s', (version, status, label) => {
  expect(versionLabel(checkoutKpi({ version, status }))).toBe(label);
});
