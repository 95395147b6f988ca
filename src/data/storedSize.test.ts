import { STORED_SIZE_LIMIT, STORED_SIZE_WARNING, storedSizeOf } from './storedSize';

/** jsonData whose JSON, `{"d":"…"}`, is exactly `bytes` long in ASCII. */
const ofBytes = (bytes: number) => ({ d: 'x'.repeat(bytes - '{"d":""}'.length) });

describe('storedSizeOf', () => {
  test.each([
    ['plain ASCII', { a: 'b' }, 9],
    ['a character UTF-8 writes in two bytes', { a: 'é' }, 10],
    ['<, > and & as Go escapes them (\\u003c: six bytes)', { a: '<&>' }, 8 + 18],
  ])('%s counts as Grafana stores it', (_name, jsonData, bytes) => {
    expect(storedSizeOf(jsonData).bytes).toBe(bytes);
  });

  test.each([
    [STORED_SIZE_WARNING - 1, 'ok'],
    [STORED_SIZE_WARNING, 'warning'],
    [STORED_SIZE_LIMIT, 'warning'],
    [STORED_SIZE_LIMIT + 1, 'over'],
  ])('%i bytes is %s', (bytes, level) => {
    expect(storedSizeOf(ofBytes(bytes))).toEqual({ bytes, limit: 65_535, level });
  });
});
