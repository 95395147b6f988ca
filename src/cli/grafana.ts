/**
 * The CLI's client of Grafana's `POST /api/ds/query`, signed in with a service account token (`Authorization:
 * Bearer`), and the decoding of the frames it answers (the JSON wire format) into data frames the reading room
 * takes. `@grafana/data`'s own decoder needs a browser, so the CLI has this small one. Failures of the request come
 * back as GrafanaError; a failed query is an `error` of its refId.
 */
import type { DataFrame, Field, FieldType } from '@grafana/data';
import type { DatasourceRef } from '../kpi/model';
import type { DsQueryModel } from '../reading';

export class GrafanaError extends Error {}

/** A frame as `/api/ds/query` writes it. */
export interface FrameWire {
  schema?: {
    refId?: string;
    name?: string;
    fields?: Array<{ name?: string; type?: string; labels?: Record<string, string>; config?: object }>;
  };
  data?: { values?: unknown[][]; entities?: Array<Record<string, number[]> | null> };
}

/** One refId's answer. */
export interface DsQueryResultWire {
  status?: number;
  frames?: FrameWire[];
  error?: string;
}

const TIMEOUT_MS = 120_000;

/** Entity names of the wire format: the values JSON cannot write, at the indices listed. */
const ENTITY_VALUES: Record<string, number | undefined> = {
  NaN: NaN,
  Inf: Infinity,
  NegInf: -Infinity,
  Undef: undefined,
};

/** A wire frame as a data frame under `refId`; NaN and infinities put back where `entities` lists them. */
export function frameFromWire(frame: FrameWire, refId: string): DataFrame {
  const wireFields = frame.schema?.fields ?? [];
  const columns = frame.data?.values ?? [];
  const fields: Field[] = wireFields.map((wire, index) => {
    const values = [...(columns[index] ?? [])];
    for (const [entity, indices] of Object.entries(frame.data?.entities?.[index] ?? {})) {
      indices.forEach((at) => (values[at] = ENTITY_VALUES[entity]));
    }
    return {
      name: wire.name ?? '',
      type: (wire.type ?? 'other') as FieldType,
      config: wire.config ?? {},
      values,
      ...(wire.labels ? { labels: wire.labels } : {}),
    };
  });
  return { refId, name: frame.schema?.name, fields, length: fields[0]?.values.length ?? 0 };
}

export class GrafanaClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly fetchImpl: typeof fetch = fetch
  ) {}

  /** One data source's queries over one range: each refId's answer (HTTP 200, or 207 when some failed). */
  async dsQuery(
    datasource: DatasourceRef,
    range: { fromMs: number; toMs: number },
    queries: readonly DsQueryModel[]
  ): Promise<Record<string, DsQueryResultWire>> {
    const url = new URL('api/ds/query', this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    url.searchParams.set('ds_type', datasource.type);
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ from: String(range.fromMs), to: String(range.toMs), queries }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new GrafanaError(`cannot reach Grafana at ${this.baseUrl}: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => ({}))) as {
      results?: Record<string, DsQueryResultWire>;
      message?: string;
    };
    if (body.results && (response.ok || response.status === 207 || response.status >= 400)) {
      return body.results;
    }
    const why =
      response.status === 401
        ? 'the token was refused: set GRAFANA_TOKEN to a service account token'
        : (body.message ?? response.statusText);
    throw new GrafanaError(`Grafana answered ${response.status} for ${datasource.type} (${datasource.uid}): ${why}`);
  }
}
