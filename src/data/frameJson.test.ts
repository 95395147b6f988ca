import fc from 'fast-check';
import { dataFrameFromJSON, type DataFrameJSON } from '@grafana/data';
import { frameFromJson } from '../reading';

/** What the readers take from a frame: each field's name, type, values and labels, and the frame's length. */
function readable(frame: ReturnType<typeof frameFromJson>) {
  return {
    length: frame.length,
    fields: frame.fields.map(({ name, type, values, labels }) => ({ name, type, values: [...values], labels })),
  };
}

/** A copy for each decoder: Grafana's writes the entities into the answer's arrays. */
const copy = (json: DataFrameJSON): DataFrameJSON => JSON.parse(JSON.stringify(json));
const throughGrafana = (json: DataFrameJSON) => readable(dataFrameFromJSON(copy(json)));

describe('frameFromJson', () => {
  test('a Prometheus range frame: times and values as written, the labels on the value field', () => {
    const json: DataFrameJSON = {
      schema: {
        refId: 'A',
        fields: [
          { name: 'Time', type: 'time' as never, config: { interval: 60_000 } },
          { name: 'Value', type: 'number' as never, labels: { route: '/pay' } },
        ],
      },
      data: { values: [[0, 60_000, 120_000], [0.5, null, 0.25]], entities: [null, { NaN: [1] }] },
    };
    const frame = frameFromJson(json, 'k3-value');

    expect(frame.refId).toBe('k3-value');
    expect(frame.length).toBe(3);
    expect(frame.fields[0]).toMatchObject({ name: 'Time', type: 'time', config: { interval: 60_000 } });
    expect(frame.fields[1].labels).toEqual({ route: '/pay' });
    expect(frame.fields[1].values).toEqual([0.5, NaN, 0.25]);
    // The answer itself is left as it came.
    expect(json.data?.values[1]).toEqual([0.5, null, 0.25]);
  });

  test('an enum field reads as its strings; a short column is padded to the frame length', () => {
    const json: DataFrameJSON = {
      schema: { fields: [{ name: 'time', type: 'time' as never }, { name: 'state', type: 'enum' as never }] },
      data: { values: [[1, 2, 3], [1, 0]], enums: [null, ['ok', 'degraded']] },
    };
    expect(readable(frameFromJson(json, 'A'))).toEqual(throughGrafana(json));
    expect(frameFromJson(json, 'A').fields[1].values).toEqual(['degraded', 'ok', undefined]);
  });

  test('fields without a type get the type Grafana guesses from the name and the first value', () => {
    const json: DataFrameJSON = {
      schema: { fields: [{ name: 'Time' }, { name: 'count' }, { name: 'text' }, { name: 'flag' }, { name: 'n' }] },
      data: { values: [[1], [null, 2], ['a'], [true], ['12.5']] },
    };
    expect(readable(frameFromJson(json, 'A'))).toEqual(throughGrafana(json));
  });

  test('whatever the frame, the readers get what Grafana’s dataFrameFromJSON gives', () => {
    const entity = fc.constantFrom('NaN', 'Inf', 'NegInf', 'Undef');
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.string());
    const field = fc.record({
      name: fc.constantFrom('Time', 'time', 'Value', 'value', 'date', ''),
      type: fc.option(fc.constantFrom('time', 'number', 'string'), { nil: undefined }),
      values: fc.array(value, { maxLength: 5 }),
      entities: fc.option(fc.dictionary(entity, fc.array(fc.nat(6), { maxLength: 3 })), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(field, { maxLength: 4 }), (fields) => {
        const json: DataFrameJSON = {
          schema: { fields: fields.map(({ name, type }) => ({ name, ...(type ? { type: type as never } : {}) })) },
          data: { values: fields.map((f) => f.values), entities: fields.map((f) => f.entities ?? null) },
        };
        expect(readable(frameFromJson(copy(json), 'A'))).toEqual(throughGrafana(json));
      })
    );
  });
});
