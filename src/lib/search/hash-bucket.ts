/**
 * Lookups split into static files by a hash of their key (the title lookup, the word
 * parts): a reader's browser asks for the one small file its key falls in, whatever the
 * archive's size. Framework-free, the same in Node and every browser.
 */

/** The power of two that keeps about `perBucket` of `keys` keys in each bucket. */
export function hashBucketCount(keys: number, perBucket: number): number {
  let buckets = 1;
  while (buckets * perBucket < keys) buckets *= 2;
  return buckets;
}

/** The bucket a key falls in: FNV-1a over its UTF-16 code units. */
export function hashBucket(key: string, buckets: number): number {
  return fnv1a(key) % buckets;
}

/** FNV-1a over a string's UTF-16 code units, as an unsigned 32-bit number. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
