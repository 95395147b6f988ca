import fc from 'fast-check';
import { dataFrameFromJSON, FieldType, type DataFrameJSON } from '@grafana/data';
import { latestSumOfFrames } from '../reading';
import { latestSum } from './instantResults';

function frame(values: Array<number | null>, entities?: Record<string, number[]>): DataFrameJSON {
  return {
    schema: {
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time },
        { name: 'Value', type: FieldType.number, labels: { route: '/pay' } },
      ],
    },
    data: { values: [values.map((_, i) => 1_000 * i), values], ...(entities ? { entities: [null, entities] } : {}) },
  };
}

const throughDataFrames = (frames: DataFrameJSON[]) => latestSumOfFrames(frames.map((json) => dataFrameFromJSON(json)));

describe('latestSum', () => {
  test('the last value of each series, summed: 0.25 % and 0.5 % read 0.75 %', () => {
    expect(latestSum([frame([0.1, 0.0025]), frame([0.005])])).toBeCloseTo(0.0075, 12);
  });

  test('no series is no data (null), an empty series adds nothing, and 0/0 written as an entity is NaN', () => {
    expect(latestSum(undefined)).toBeNull();
    expect(latestSum([])).toBeNull();
    expect(latestSum([frame([])])).toBeNull();
    expect(latestSum([frame([0.1, null], { NaN: [1] })])).toBeNaN();
    expect(latestSum([frame([null], { Inf: [0] })])).toBe(Infinity);
  });

  test('a frame without field types is read as Grafana reads it, types guessed from the values', () => {
    const untyped: DataFrameJSON = {
      schema: { fields: [{ name: 'Time' }, { name: 'Value' }] },
      data: { values: [[1], [0.5]] },
    };
    expect(latestSum([untyped])).toBe(throughDataFrames([untyped]));
  });

  test('whatever the frames, it reads what building DataFrames and reading them gives', () => {
    // 'Other' is a name no decoder knows: each puts undefined at its indexes.
    const entityName = fc.constantFrom('NaN', 'Inf', 'NegInf', 'Undef', 'Other');
    const frames = fc.array(
      fc
        .tuple(
          fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), { maxLength: 4 }),
          // Two entities may name the last index, in either order: the one the JSON lists last stays.
          fc.uniqueArray(entityName, { maxLength: 2 })
        )
        .map(([values, entities]) =>
          frame(
            values,
            entities.length > 0 && values.length > 0
              ? Object.fromEntries(entities.map((name) => [name, [values.length - 1]]))
              : undefined
          )
        ),
      { maxLength: 3 }
    );
    fc.assert(fc.property(frames, (jsons) => expect(latestSum(jsons)).toEqual(throughDataFrames(jsons))));
  });
});
