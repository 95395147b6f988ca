/**
 * Organization annotations, as Grafana's legacy HTTP API keeps them (pkg/api/annotations.go `PostAnnotation`,
 * `GetAnnotations`; the contract is in e2e/contracts/grafana-api.md). The app stores check-ins here because an
 * Editor may write them (`annotations:create` on `annotations:type:organization` is in the Editor basic role) and
 * a Viewer may read them, where plugin settings need an Admin. Kept in the host's state directory, so they survive
 * a restart as Grafana's database does.
 */
import type { Router } from '../server/router';
import type { JsonFileStore } from '../server/jsonFileStore';
import { apiError, isRecord, readJsonObject, sendJson } from '../server/http';
import { bootUser, mayCreateOrganizationAnnotation, requireSignedIn } from '../server/session';

/** Grafana's `annotations.ItemDTO` for an organization annotation, as `GET /api/annotations` answers it. */
export interface AnnotationItem {
  id: number;
  alertId: 0;
  dashboardId: 0;
  dashboardUID: '';
  panelId: 0;
  userId: number;
  newState: '';
  prevState: '';
  created: number;
  updated: number;
  time: number;
  timeEnd: number;
  text: string;
  tags: string[];
  login: string;
  email: string;
  avatarUrl: string;
  data: Record<string, unknown>;
}

export interface AnnotationState {
  nextId: number;
  items: AnnotationItem[];
}

export const emptyAnnotations = (): AnnotationState => ({ nextId: 1, items: [] });

/** Grafana's default `limit` of GET /api/annotations. */
const DEFAULT_LIMIT = 100;

function postedTags(value: unknown): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string')) {
    throw apiError(400, 'bad request data');
  }
  return value;
}

export function registerAnnotationRoutes(router: Router, store: JsonFileStore<AnnotationState>): void {
  router.post('/api/annotations', async ({ req, res }) => {
    const session = requireSignedIn(req);
    const body = await readJsonObject(req);
    if (body.dashboardUID || body.dashboardId) {
      throw apiError(400, 'bad request data', { error: 'the host keeps organization annotations only' });
    }
    // canCreateAnnotation: annotations:create on annotations:type:organization, which a Viewer's dashboard scope is not.
    if (!mayCreateOrganizationAnnotation(session)) {
      throw apiError(403, 'Access denied to this dashboard');
    }
    if (typeof body.text !== 'string' || body.text === '') {
      throw apiError(400, 'Failed to save annotation', { error: 'text field should not be empty' });
    }
    const now = Date.now();
    const time = typeof body.time === 'number' && body.time > 0 ? body.time : now;
    const user = bootUser(session);
    const state = store.get();
    const item: AnnotationItem = {
      id: state.nextId,
      alertId: 0,
      dashboardId: 0,
      dashboardUID: '',
      panelId: 0,
      userId: user.id,
      newState: '',
      prevState: '',
      created: now,
      updated: now,
      time,
      timeEnd: typeof body.timeEnd === 'number' && body.timeEnd > 0 ? body.timeEnd : time,
      text: body.text,
      tags: postedTags(body.tags),
      login: user.login,
      email: user.email,
      avatarUrl: '',
      data: isRecord(body.data) ? body.data : {},
    };
    store.set({ nextId: state.nextId + 1, items: [...state.items, item] });
    sendJson(res, 200, { message: 'Annotation added', id: item.id });
  });

  router.get('/api/annotations', ({ req, res, url }) => {
    requireSignedIn(req);
    const tags = url.searchParams.getAll('tags');
    const matchAny = url.searchParams.get('matchAny') === 'true';
    const from = Number(url.searchParams.get('from') ?? 0);
    const to = Number(url.searchParams.get('to') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 0) || DEFAULT_LIMIT;
    const type = url.searchParams.get('type');
    // Organization annotations are all of type "annotation": asking for alerts' finds none of them.
    const items = (type === 'alert' ? [] : store.get().items)
      .filter((item) => (from > 0 && to > 0 ? item.time <= to && item.timeEnd >= from : true))
      .filter((item) =>
        tags.length === 0
          ? true
          : matchAny
            ? tags.some((tag) => item.tags.includes(tag))
            : tags.every((tag) => item.tags.includes(tag))
      )
      // Grafana orders by time, newest first, then by id.
      .sort((a, b) => b.time - a.time || b.id - a.id)
      .slice(0, limit);
    sendJson(res, 200, items);
  });
}
