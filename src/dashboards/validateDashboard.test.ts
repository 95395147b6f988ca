import type { Dashboard, Panel } from '@grafana/schema';
import { validateDashboard } from './validateDashboard';

const prometheus = { type: 'prometheus', uid: 'prom' };

function panel(id: number, x: number, y: number, w: number, h: number, overrides: Partial<Panel> = {}): Panel {
  return {
    id,
    type: 'timeseries',
    title: `panel ${id}`,
    gridPos: { x, y, w, h },
    targets: [{ refId: 'A', datasource: prometheus, expr: 'up' }],
    ...overrides,
  };
}

const dashboard = (...panels: Panel[]): Dashboard => ({ schemaVersion: 39, title: 't', panels });

describe('validateDashboard', () => {
  test('side-by-side panels with queries that name refId and data source are sound', () => {
    expect(validateDashboard(dashboard(panel(1, 0, 0, 12, 8), panel(2, 12, 0, 12, 8), panel(3, 0, 8, 24, 4)))).toEqual(
      []
    );
  });

  test.each([
    ['overlapping panels', [panel(1, 0, 0, 12, 8), panel(2, 6, 4, 12, 8)], 'panels "panel 1" and "panel 2" overlap'],
    ['a panel past column 24', [panel(1, 20, 0, 6, 8)], 'is not inside the 24 columns'],
    ['a panel of zero height', [panel(1, 0, 0, 6, 0)], 'is not inside the 24 columns'],
    ['an unknown panel type', [panel(1, 0, 0, 6, 4, { type: 'graph' })], 'unknown panel type "graph"'],
    ['two panels with one id', [panel(1, 0, 0, 6, 4), panel(1, 6, 0, 6, 4)], 'id 1 is also the id of'],
    [
      'a query without refId',
      [panel(1, 0, 0, 6, 4, { targets: [{ datasource: prometheus, expr: 'up' }] })],
      'targets[0]: no refId',
    ],
    [
      'a query without data source',
      [panel(1, 0, 0, 6, 4, { targets: [{ refId: 'A', expr: 'up' }] })],
      'targets[0]: no datasource',
    ],
    [
      'two queries with one refId',
      [
        panel(1, 0, 0, 6, 4, {
          targets: [
            { refId: 'A', datasource: prometheus },
            { refId: 'A', datasource: prometheus },
          ],
        }),
      ],
      'refId A twice',
    ],
    ['a panel without a place', [panel(1, 0, 0, 6, 4, { gridPos: undefined })], 'no gridPos'],
  ])('%s is a problem', (_name, panels, expected) => {
    const problems = validateDashboard(dashboard(...panels));
    expect(problems.join('\n')).toContain(expected);
  });

  test('panels inside a collapsed row are checked too', () => {
    const problems = validateDashboard({
      schemaVersion: 39,
      panels: [
        {
          type: 'row',
          id: 1,
          collapsed: true,
          title: 'r',
          gridPos: { x: 0, y: 0, w: 24, h: 1 },
          panels: [panel(2, 0, 1, 6, 4, { type: 'piechart-nope' })],
        },
      ],
    });
    expect(problems).toEqual(['panels[1] (panel 2): unknown panel type "piechart-nope"']);
  });
});
