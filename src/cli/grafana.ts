/**
 * The CLI's client of Grafana's `POST /api/ds/query`, signed in with a service account token (`Authorization:
 * Bearer`); the frames it answers are read by src/reading's frameFromJson, as the app's are. Failures of the request
 * come back as GrafanaError; a failed query is an `error` of its refId.
 */
import type { DatasourceRef } from '../kpi/model';
import type { DsQueryModel, FrameJson } from '../reading';

export class GrafanaError extends Error {}

/** One refId's answer. */
export interface DsQueryResultWire {
  status?: number;
  frames?: FrameJson[];
  error?: string;
}

const TIMEOUT_MS = 120_000;

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
