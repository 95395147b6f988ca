import { fnv1a32, fnv1a32Hex } from './hash';

describe('fnv1a32', () => {
  // Reference values of 32-bit FNV-1a (the empty string is the offset basis).
  test.each([
    ['the empty string gives the offset basis', '', 0x811c9dc5],
    ['"a" gives 0xe40c292c', 'a', 0xe40c292c],
    ['"foobar" gives 0xbf9cf968', 'foobar', 0xbf9cf968],
  ])('%s', (_name, text, expected) => {
    expect(fnv1a32(text)).toBe(expected);
  });

  test('the hex form has eight digits, leading zeros included', () => {
    expect(fnv1a32Hex('foobar')).toBe('bf9cf968');
    expect(fnv1a32Hex('checkout-availability')).toMatch(/^[0-9a-f]{8}$/);
  });
});
