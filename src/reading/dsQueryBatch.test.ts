import { datasourceKey, DsQueryBatch, type DsQueryModel } from '.';

const PROMETHEUS = { type: 'prometheus', uid: 'prom' };
const POSTGRES = { type: 'grafana-postgresql-datasource', uid: 'postgres' };
const OTHER_PROMETHEUS = { type: 'prometheus', uid: 'mimir' };

function query(refId: string, datasource: DsQueryModel['datasource']): DsQueryModel {
  return { refId, datasource, intervalMs: 60_000, maxDataPoints: 100 };
}

describe('DsQueryBatch', () => {
  test('queries of three data sources make three requests, in the order the data sources first come', () => {
    const batch = new DsQueryBatch({ fromMs: 1_000, toMs: 61_000 });
    [
      query('k0-good', POSTGRES),
      query('k1-1h', PROMETHEUS),
      query('k0-total', POSTGRES),
      query('k2-1h', OTHER_PROMETHEUS),
      query('k3-1h', PROMETHEUS),
    ].forEach((q) => batch.add(q));

    expect(batch.requests.map((request) => [request.datasource.uid, request.body.queries.map((q) => q.refId)])).toEqual(
      [
        ['postgres', ['k0-good', 'k0-total']],
        ['prom', ['k1-1h', 'k3-1h']],
        ['mimir', ['k2-1h']],
      ]
    );
  });

  test('a refId is taken once per request: a second query under it is refused, the same refId elsewhere is not', () => {
    const batch = new DsQueryBatch({ fromMs: 1_000, toMs: 61_000 });
    batch.add(query('k0-1h', PROMETHEUS));
    batch.add(query('k0-1h', POSTGRES));

    expect(() => batch.add(query('k0-1h', PROMETHEUS))).toThrow(
      'refId k0-1h is already in the request to prometheus/prom'
    );
    expect(batch.requests.map((request) => request.body.queries.length)).toEqual([1, 1]);
  });

  test('every request carries the batch range as Grafana reads it: epoch milliseconds as strings', () => {
    const batch = new DsQueryBatch({ fromMs: 1_000, toMs: 61_000 });
    batch.add(query('a', PROMETHEUS));
    batch.add(query('b', POSTGRES));

    expect(batch.requests.map((request) => [request.body.from, request.body.to])).toEqual([
      ['1000', '61000'],
      ['1000', '61000'],
    ]);
  });

  test('an empty batch sends nothing', () => {
    expect(new DsQueryBatch({ fromMs: 0, toMs: 1 }).requests).toEqual([]);
  });

  test('two uids of one type are two data sources, and one uid of two types too', () => {
    expect(datasourceKey(PROMETHEUS)).not.toBe(datasourceKey(OTHER_PROMETHEUS));
    expect(datasourceKey({ type: 'mysql', uid: 'prom' })).not.toBe(datasourceKey(PROMETHEUS));
  });
});
