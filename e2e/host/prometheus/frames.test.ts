import { framesFromPrometheus, PrometheusQueryError, type PrometheusApiBody } from './frames';

const query = { refId: 'A', expr: 'sum(rate(x[4m0s]))', stepMs: 60_000 };

const matrix = (result: unknown): PrometheusApiBody => ({ status: 'success', data: { resultType: 'matrix', result } });

describe('Prometheus results as Grafana data frames', () => {
  test('a matrix series becomes a Time/Value frame with the step, the display name and the executed query', () => {
    const [frame] = framesFromPrometheus(
      matrix([
        {
          metric: {},
          values: [
            [1732500000, '1.5'],
            [1732500060.123, '2'],
          ],
        },
      ]),
      query
    );

    expect(frame).toEqual({
      schema: {
        refId: 'A',
        meta: {
          type: 'timeseries-multi',
          typeVersion: [0, 1],
          custom: { resultType: 'matrix' },
          executedQueryString: 'Expr: sum(rate(x[4m0s]))\nStep: 1m0s',
        },
        fields: [
          { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' }, config: { interval: 60000 } },
          // Without labels or a legend, Grafana names the series after the expression.
          {
            name: 'Value',
            type: 'number',
            typeInfo: { frame: 'float64' },
            labels: {},
            config: { displayNameFromDS: 'sum(rate(x[4m0s]))' },
          },
        ],
      },
      data: {
        values: [
          [1732500000000, 1732500060123],
          [1.5, 2],
        ],
      },
    });
  });

  test('NaN and infinities are null in the values and named in data.entities', () => {
    const [frame] = framesFromPrometheus(
      matrix([
        {
          metric: {},
          values: [
            [1, 'NaN'],
            [2, '3'],
            [3, '+Inf'],
            [4, '-Inf'],
          ],
        },
      ]),
      query
    );

    expect(frame.data.values[1]).toEqual([null, 3, null, null]);
    expect(frame.data.entities).toEqual([null, { NaN: [0], Inf: [2], NegInf: [3] }]);
  });

  test('labels name the series; a legend format fills in label values; __name__ names the value field', () => {
    const series = [
      { metric: { __name__: 'up', job: 'api', instance: 'a:1' }, values: [[1, '1']] },
      { metric: { __name__: 'up', job: 'api', instance: 'b:2' }, values: [[1, '0']] },
    ];
    const plain = framesFromPrometheus(matrix(series), query);
    const legend = framesFromPrometheus(matrix(series), { ...query, legendFormat: '{{ instance }} of {{job}}' });

    expect(plain.map((frame) => frame.schema.fields[1].config)).toEqual([
      { displayNameFromDS: 'up{instance="a:1", job="api"}' },
      { displayNameFromDS: 'up{instance="b:2", job="api"}' },
    ]);
    expect(legend.map((frame) => frame.schema.fields[1].config?.displayNameFromDS)).toEqual([
      'a:1 of api',
      'b:2 of api',
    ]);
    expect(plain[0].schema.fields[1].name).toBe('up');
    expect(plain[1].schema.meta.executedQueryString).toBeUndefined();
  });

  test('an instant vector is a numeric-multi frame', () => {
    const [frame] = framesFromPrometheus(
      {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: { job: 'api' }, value: [1732500000, '7'] }] },
      },
      query
    );

    expect(frame.schema.meta).toMatchObject({ type: 'numeric-multi', custom: { resultType: 'vector' } });
    expect(frame.data.values).toEqual([[1732500000000], [7]]);
  });

  test('no series still answers one empty frame that carries the executed query', () => {
    expect(framesFromPrometheus(matrix([]), query)).toEqual([
      {
        schema: { refId: 'A', meta: { executedQueryString: 'Expr: sum(rate(x[4m0s]))\nStep: 1m0s' }, fields: [] },
        data: { values: [] },
      },
    ]);
  });

  test('warnings become notices on every frame', () => {
    const [frame] = framesFromPrometheus(
      { ...matrix([{ metric: {}, values: [[1, '1']] }]), warnings: ['too many samples'] },
      query
    );

    expect(frame.schema.meta.notices).toEqual([{ severity: 'warning', text: 'too many samples' }]);
  });

  test('a refusal is Grafana\'s "<errorType>: <error>"', () => {
    const refused: PrometheusApiBody = {
      status: 'error',
      errorType: 'bad_data',
      error: '1:10: parse error: unclosed left parenthesis',
    };

    expect(() => framesFromPrometheus(refused, query)).toThrow(PrometheusQueryError);
    expect(() => framesFromPrometheus(refused, query)).toThrow(
      'bad_data: 1:10: parse error: unclosed left parenthesis'
    );
  });
});
