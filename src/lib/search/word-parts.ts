/**
 * The word-parts lookup: which index parts hold each Han token, so a first search starts
 * in a part that can answer it. Framework-free; the build writes it
 * (`word-parts-files.ts`) and the browser reads it (`engine.ts`).
 *
 * Why: a first search loads one part's metadata before anything else, about 17 bytes per
 * page of that part (136 KB for xwlb's newest, 8,127 pages). At 100,000 articles a name or
 * a term that only older years hold was asked of the newest parts one after another, each
 * costing its metadata: the first answer took 1.5–1.6 times the bytes it takes at 20,000
 * articles. Knowing beforehand which parts hold every token of the query, the browser makes
 * the newest of them Pagefind's first part, so a first answer costs one part's metadata at
 * any archive size.
 *
 * Each key is a token's Han text (`tokenText`): a bigram's two characters, and for every
 * character the character alone, which stands for every token that starts with it (a
 * one-character query is Pagefind's prefix search). Keys are hashed into `buckets` files
 * (`/pagefind/words/<n>.json`) of about `KEYS_PER_BUCKET` keys each, every file an object
 * of key → the parts that hold it, as a bit mask over the manifest's parts (bit 0 the
 * newest). A query fetches one small file per key it asks about, whatever the archive's size.
 *
 * The lookup only orders the parts a first answer asks; every answer after it covers every
 * part. A wrong or missing lookup makes a first answer slower, never different.
 */
import { tokenText } from './cjk.ts';
import { hashBucket, hashBucketCount } from './hash-bucket.ts';

/** Where the buckets live, under `/pagefind/`. */
export const WORD_PARTS_FOLDER = 'words';

/** About this many keys share a bucket: a file of about a kilobyte gzipped. */
export const KEYS_PER_BUCKET = 96;

/** The most parts a mask holds exactly (a JavaScript number's integer bits); past it no lookup is written. */
export const MAX_LOOKUP_PARTS = 52;

/** The most keys a query asks about: each may cost a request, and a few already pick the part. */
export const QUERY_KEYS = 6;

/** What the manifest records of the lookup (`ShardManifest.words`). */
export interface WordPartsInfo {
  buckets: number;
}

/** The keys a part's index words give (`tokenText`, and each bigram's first character); none for ordinary words. */
export function keysOfWords(words: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  for (const word of words) {
    const text = tokenText(word);
    if (!text) continue;
    keys.add(text);
    const first = String.fromCodePoint(text.codePointAt(0) ?? 0);
    if (first !== text) keys.add(first);
  }
  return keys;
}

/** The bucket count for `keys` distinct keys. */
export const wordBucketCount = (keys: number): number => hashBucketCount(keys, KEYS_PER_BUCKET);

/** The bit of part `part` in a mask. */
const bit = (part: number): number => 2 ** part;

const hasBit = (mask: number, part: number): boolean => Math.floor(mask / bit(part)) % 2 === 1;

/**
 * The bucket files' contents, by bucket number (every bucket, empty ones too): per key the
 * mask of the parts (`keysByPart`, newest first) that hold it. Keys are sorted, so the same
 * parts always give the same files.
 */
export function wordPartsBuckets(keysByPart: readonly ReadonlySet<string>[], buckets: number): Record<string, number>[] {
  if (keysByPart.length > MAX_LOOKUP_PARTS) throw new RangeError(`${keysByPart.length} index parts: a word-parts mask holds at most ${MAX_LOOKUP_PARTS}`);
  const masks = new Map<string, number>();
  for (const [part, keys] of keysByPart.entries()) for (const key of keys) masks.set(key, (masks.get(key) ?? 0) + bit(part));
  const files: Record<string, number>[] = Array.from({ length: buckets }, () => ({}));
  for (const key of [...masks.keys()].sort()) {
    const file = files[hashBucket(key, buckets)];
    if (file) file[key] = masks.get(key) ?? 0;
  }
  return files;
}

/**
 * The keys whose parts decide where a query can be answered (`planQuery`'s words): each Han word's probe tokens
 * (the bigrams the search asks for, or a lone character), at most `QUERY_KEYS`, spread over
 * the words. None for a query with no Han word: every part may answer it.
 */
export function queryKeys(plan: { words: readonly { text: string; tokens: readonly string[]; offsets: readonly number[] }[] }): string[] {
  const perWord = plan.words.map((word) => {
    const chars = [...word.text];
    return word.tokens.every((token) => tokenText(token) !== undefined) ? word.offsets.map((offset) => chars.slice(offset, offset + 2).join('')) : [];
  });
  const keys: string[] = [];
  // Round robin, so a long first word does not use up the keys of the others.
  for (let at = 0; keys.length < QUERY_KEYS && perWord.some((word) => at < word.length); at++) {
    for (const word of perWord) {
      const key = word[at];
      if (key && !keys.includes(key) && keys.length < QUERY_KEYS) keys.push(key);
    }
  }
  return keys;
}

/** The bucket a key falls in. */
export const wordBucket = hashBucket;

/**
 * The parts (indexes into the manifest's parts, newest first) that hold every key, given
 * each key's bucket file as fetched (`buckets`: key → the file's parsed contents, or
 * undefined where it could not be had). Undefined when nothing is known: no keys, or a
 * bucket missing, so every part stays a candidate.
 */
export function partsHolding(keys: readonly string[], buckets: ReadonlyMap<string, unknown>, partCount: number): number[] | undefined {
  if (keys.length === 0) return undefined;
  let candidates = Array.from({ length: partCount }, (_, part) => part);
  for (const key of keys) {
    const file = buckets.get(key);
    if (typeof file !== 'object' || file === null) return undefined;
    const mask = (file as Record<string, unknown>)[key];
    // A key missing from its bucket is in no part.
    const held = typeof mask === 'number' ? mask : 0;
    candidates = candidates.filter((part) => hasBit(held, part));
  }
  return candidates;
}
