/**
 * The check-ins a generated dashboard shows, asked of the plugin host as Grafana asks: the host renders panels, not
 * whole dashboards with their annotation layer, so this test plays Grafana's part. For the dashboard's "Check-ins"
 * annotation it sends what the built-in data source's `getAnnotations` sends for a Tags query
 * (public/app/plugins/datasource/grafana/datasource.ts): `from`, `to`, `limit`, each tag with the dashboard's
 * variables put in, and `matchAny`, as `GET /api/annotations` parameters (arrays as repeated keys).
 */
import type { AnnotationQuery } from '@grafana/schema';
import { checkInAnnotation } from '../../src/data/checkInAnnotations';
import { catalogDashboards, kpiDashboards, type DashboardFile } from '../../src/dashboards/generate';
import { checkoutKpi } from '../../src/testing/checkoutKpi';
import { ROLE_HEADER, type OrgRole } from './hostContract';
import { startApiOnlyHost } from './apiOnlyHost';
import type { RunningHost } from './startHost';

let host: RunningHost;

beforeAll(async () => {
  host = await startApiOnlyHost('northstar-check-in-dashboards-');
});

afterAll(async () => {
  await host?.stop();
});

async function post(role: OrgRole, body: object): Promise<number> {
  const response = await fetch(new URL('/api/annotations', host.url), {
    method: 'POST',
    headers: { [ROLE_HEADER]: role, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: number }).id;
}

interface TagsTarget {
  type: string;
  tags: string[];
  matchAny: boolean;
  limit: number;
}

const checkInQuery = (file: DashboardFile) => {
  const found = (file.dashboard.annotations?.list ?? []).find((annotation) => annotation.name === 'Check-ins');
  if (!found) {
    throw new Error(`${file.file} has no Check-ins annotation`);
  }
  return found as AnnotationQuery & { target: TagsTarget };
};

/** Grafana's request for a Tags annotation over [fromMs, toMs], with the dashboard's variable values put in. */
async function annotationsShown(
  annotation: AnnotationQuery & { target: TagsTarget },
  fromMs: number,
  toMs: number,
  variables: Record<string, string>,
  role: OrgRole = 'Viewer'
): Promise<Array<{ id: number; text: string }>> {
  expect(annotation.target.type).toBe('tags');
  const interpolate = (tag: string) => tag.replace(/\$\{(\w+)\}/g, (_all, name: string) => variables[name] ?? '');
  const params = new URLSearchParams([
    ['from', String(fromMs)],
    ['to', String(toMs)],
    ['limit', String(annotation.target.limit)],
    ...annotation.target.tags.map((tag) => ['tags', interpolate(tag)]),
    ['matchAny', String(annotation.target.matchAny)],
  ]);
  const response = await fetch(new URL(`/api/annotations?${params.toString()}`, host.url), {
    headers: { [ROLE_HEADER]: role },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Array<{ id: number; text: string }>;
}

const DAY_MS = 86_400_000;
const NOV_12 = Date.UTC(2026, 10, 12);

describe('check-ins on generated dashboards, as the plugin host answers Grafana’s annotation request', () => {
  const checkout = checkoutKpi();
  // Two KPIs, so the catalog's overview is the catalog's and not the one KPI's own.
  const catalog = [checkout, { ...checkoutKpi(), id: 'search-latency', name: 'Search latency' }];
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ids.checkout = await post('Editor', checkInAnnotation(checkout.id, { date: '2026-11-12', text: 'INC-123' }));
    ids.search = await post('Editor', checkInAnnotation('search-latency', { date: '2026-11-12', text: 'reindex' }));
    // A hand-written annotation about the KPI, not a check-in: the dashboards' query must leave it out.
    ids.other = await post('Editor', { time: NOV_12 + 3_600_000, tags: [`kpi:${checkout.id}`], text: 'deploy' });
    ids.earlier = await post('Editor', checkInAnnotation(checkout.id, { date: '2026-10-01', text: 'old' }));
  });

  test.each(['executive', 'oncall', 'debug'])(
    'the %s dashboard of a KPI shows that KPI’s check-ins in its range, to a Viewer',
    async (kind) => {
      const file = kpiDashboards(checkout).find((candidate) => candidate.kind === kind)!;
      const shown = await annotationsShown(checkInQuery(file), NOV_12 - 7 * DAY_MS, NOV_12 + DAY_MS, {
        kpi: checkout.id,
      });
      expect(shown.map((item) => item.id)).toEqual([ids.checkout]);
      expect(shown[0].text).toBe('INC-123');
    }
  );

  test('a range back to October shows the earlier note too, newest first', async () => {
    const [executive] = kpiDashboards(checkout);
    const shown = await annotationsShown(checkInQuery(executive), Date.UTC(2026, 8, 1), NOV_12 + DAY_MS, {});
    expect(shown.map((item) => item.id)).toEqual([ids.checkout, ids.earlier]);
  });

  test('the catalog’s executive overview shows every KPI’s check-ins and nothing else', async () => {
    const overview = catalogDashboards(catalog).find((file) => file.file === 'executive.json')!;
    const shown = await annotationsShown(checkInQuery(overview), NOV_12 - DAY_MS, NOV_12 + DAY_MS, {});
    expect(shown.map((item) => item.id).sort()).toEqual([ids.checkout, ids.search].sort());
  });

  test('the catalog’s on-call view shows the check-ins of the KPI its variable picks', async () => {
    const oncall = catalogDashboards(catalog).find((file) => file.file === 'oncall.json')!;
    const picked = async (kpi: string) =>
      (await annotationsShown(checkInQuery(oncall), NOV_12 - DAY_MS, NOV_12 + DAY_MS, { kpi })).map((i) => i.id);
    expect(await picked(checkout.id)).toEqual([ids.checkout]);
    expect(await picked('search-latency')).toEqual([ids.search]);
  });
});
