/**
 * A small client of the Prometheus HTTP API (/api/v1/query_range, /api/v1/query) for the CLI. Failures come
 * back as PrometheusError with a sentence a person can act on.
 */

export class PrometheusError extends Error {}

interface MatrixResult {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

interface ApiResponse {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: unknown };
}

/** Prometheus refuses more than 11,000 points per series in one range query. */
const MAX_POINTS_PER_QUERY = 10_000;
const TIMEOUT_MS = 60_000;

export class PrometheusClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch
  ) {}

  private async call(path: string, params: Record<string, string>): Promise<ApiResponse['data']> {
    const url = new URL(path, this.baseUrl.endsWith('/') ? this.baseUrl : this.baseUrl + '/');
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new PrometheusError(
        `cannot reach Prometheus at ${this.baseUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`
      );
    }
    let body: ApiResponse;
    try {
      body = (await response.json()) as ApiResponse;
    } catch {
      throw new PrometheusError(`Prometheus at ${this.baseUrl} answered HTTP ${response.status} without a JSON body`);
    }
    if (body.status !== 'success') {
      throw new PrometheusError(
        `Prometheus refused the query (${body.errorType ?? `HTTP ${response.status}`}): ${body.error ?? 'no reason given'}`
      );
    }
    return body.data;
  }

  /**
   * Values of `query` at startMs, startMs + stepMs, … (length points), summed over the series it returns.
   * Missing points are NaN. Long ranges are split to stay under Prometheus' resolution limit.
   */
  async rangeOnGrid(query: string, startMs: number, stepMs: number, length: number): Promise<Float64Array> {
    const out = new Float64Array(length).fill(NaN);
    for (const series of await this.rangeSeriesOnGrid(query, startMs, stepMs, length)) {
      // Several series are summed, as sum() would; a user query should already aggregate.
      for (let i = 0; i < length; i++) {
        const value = series.values[i];
        if (value === value) {
          out[i] = out[i] === out[i] ? out[i] + value : value;
        }
      }
    }
    return out;
  }

  /** Like rangeOnGrid, each series apart with its labels (per-label KPIs tell their instances apart by them). */
  async rangeSeriesOnGrid(
    query: string,
    startMs: number,
    stepMs: number,
    length: number
  ): Promise<Array<{ labels: Record<string, string>; values: Float64Array }>> {
    const bySeries = new Map<string, { labels: Record<string, string>; values: Float64Array }>();
    for (let offset = 0; offset < length; offset += MAX_POINTS_PER_QUERY) {
      const count = Math.min(MAX_POINTS_PER_QUERY, length - offset);
      const chunkStart = startMs + offset * stepMs;
      const data = await this.call('api/v1/query_range', {
        query,
        start: String(chunkStart / 1000),
        end: String((chunkStart + (count - 1) * stepMs) / 1000),
        step: String(stepMs / 1000),
      });
      if (data?.resultType !== 'matrix' || !Array.isArray(data.result)) {
        throw new PrometheusError(
          `Prometheus answered a ${data?.resultType ?? 'missing'} result where a range query gives a matrix`
        );
      }
      for (const series of data.result as MatrixResult[]) {
        // The same series comes back in every chunk: its label set, sorted, names it.
        const key = JSON.stringify(Object.entries(series.metric).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        let entry = bySeries.get(key);
        if (!entry) {
          entry = { labels: series.metric, values: new Float64Array(length).fill(NaN) };
          bySeries.set(key, entry);
        }
        for (const [time, text] of series.values) {
          const slot = Math.round((time * 1000 - startMs) / stepMs);
          if (slot >= 0 && slot < length) {
            entry.values[slot] = Number(text);
          }
        }
      }
    }
    return [...bySeries.values()];
  }

  /** The single value of an instant query, or null when it returns no series. */
  async instant(query: string, atMs: number): Promise<number | null> {
    const data = await this.call('api/v1/query', { query, time: String(atMs / 1000) });
    const result = data?.result as Array<{ value: [number, string] }> | undefined;
    if (!Array.isArray(result) || result.length === 0) {
      return null;
    }
    return result.reduce((sum, series) => sum + Number(series.value[1]), 0);
  }
}
