import { buildOnCallDashboard } from './oncall';
import { contentHash, isUnedited, MARKER_FIELD, markerOf } from './marker';
import { ratioKpi } from '../testing/dashboardKpis';

/** As Grafana answers GET /api/dashboards/uid: its own id and version, keys in its own order. */
function asStored(dashboard: object, id = 7, version = 3): Record<string, unknown> {
  const entries = Object.entries({ ...dashboard, id, version }).reverse();
  return Object.fromEntries(entries);
}

describe('generator mark', () => {
  const generated = buildOnCallDashboard(ratioKpi());

  test('names the generator, kind and KPI, and carries the northstar tag', () => {
    expect(generated[MARKER_FIELD]).toMatchObject({
      generator: 'northstar-kpi-app',
      kind: 'oncall',
      kpiId: ratioKpi().id,
    });
    expect(generated.tags).toContain('northstar');
  });

  test('a stored copy with Grafana’s id, version and key order is still unedited', () => {
    expect(isUnedited(asStored(generated))).toBe(true);
    expect(contentHash(asStored(generated))).toBe(generated[MARKER_FIELD].contentHash);
  });

  test('a changed panel title is an edit', () => {
    const edited = asStored({ ...generated, title: 'My on-call' });
    expect(markerOf(edited)).toBeDefined();
    expect(isUnedited(edited)).toBe(false);
  });

  test('a dashboard saved from the UI (mark dropped) or without the tag is not ours to regenerate', () => {
    const { [MARKER_FIELD]: _dropped, ...withoutMark } = generated;
    expect(isUnedited(asStored(withoutMark))).toBe(false);
    expect(isUnedited(asStored({ ...generated, tags: [] }))).toBe(false);
  });
});
