/** Small, stable string hashes for ids that must not change between runs (shard numbers, Grafana rule uids). */

/** 32-bit FNV-1a over the UTF-16 code units of `text`: the same text always gives the same number. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** `fnv1a32` as eight lower-case hex digits. */
export function fnv1a32Hex(text: string): string {
  return fnv1a32(text).toString(16).padStart(8, '0');
}
