import { memoPerObject } from './memoPerObject';

describe('memoPerObject', () => {
  test('computes once per object and answers each object with its own value', () => {
    const compute = jest.fn((kpi: { id: string; version: number }) => `${kpi.id}@${kpi.version}`);
    const versionKey = memoPerObject(compute);
    const checkout = { id: 'checkout', version: 2 };
    const login = { id: 'login', version: 1 };
    expect(versionKey(checkout)).toBe('checkout@2');
    expect(versionKey(checkout)).toBe('checkout@2');
    expect(versionKey(login)).toBe('login@1');
    expect(compute).toHaveBeenCalledTimes(2);
  });

  test('an object that equals another but is not it is computed on its own', () => {
    const compute = jest.fn((kpi: { id: string }) => kpi.id.length);
    const length = memoPerObject(compute);
    expect(length({ id: 'a' })).toBe(1);
    expect(length({ id: 'a' })).toBe(1);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});
