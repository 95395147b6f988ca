import { describeWorstInstances } from './worstInstances';

describe('describeWorstInstances', () => {
  test.each([
    [
      'the worst and how many miss',
      { worst: [{ name: '/pay', sli: 0.95 }], count: 14, belowTarget: 2 },
      'worst: /pay 95.00%, 2 of 14 route values below target',
    ],
    [
      'none missing',
      { worst: [{ name: '/pay', sli: 0.9995 }], count: 14, belowTarget: 0 },
      'all 14 route values meet the target',
    ],
    ['no instance with traffic', { worst: [], count: 0, belowTarget: 0 }, 'no route values with traffic'],
  ])('%s', (_name, instances, expected) => {
    expect(describeWorstInstances(instances, ['route'], 2)).toBe(expected);
  });
});
