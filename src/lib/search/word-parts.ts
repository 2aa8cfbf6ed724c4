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
 * (`/pagefind/words/<n>.json`) of about `KEYS_PER_BUCKET` keys each; in every file, each key
 * with the parts that hold it, as a bit mask over the manifest's parts (bit 0 the newest).
 *
 * Bigrams alone let a part through that holds every bigram of a term but never together:
 * at 100,000 articles, compound terms were still sent to a newest part of other text (1.62
 * times the bytes). So each file also carries, per part, a slice of a Bloom filter of the
 * part's character trigrams (`TRIGRAM_BITS` bits per trigram, `TRIGRAM_PROBES` bits set
 * each; about 2% false positives): the trigrams that hash to the file's bucket set bits in
 * that part's slice. A query fetches one small file per key and trigram it asks about,
 * whatever the archive's size.
 *
 * The lookup only orders the parts a first answer asks; the complete answer, and every
 * answer after it, covers every part. A wrong or missing lookup makes the early answer
 * slower or empty, never wrong.
 */
import { isHan, tokenText } from './cjk.ts';
import { fnv1a, hashBucket, hashBucketCount } from './hash-bucket.ts';

/** Where the buckets live, under `/pagefind/`. */
export const WORD_PARTS_FOLDER = 'words';

/** About this many keys share a bucket: a file of about a kilobyte gzipped. */
export const KEYS_PER_BUCKET = 96;

/** The most parts a mask holds exactly (a JavaScript number's integer bits); past it no lookup is written. */
export const MAX_LOOKUP_PARTS = 52;

/** The most keys a query asks about: each may cost a request, and a few already pick the part. */
export const QUERY_KEYS = 6;

/** The most trigrams a query asks about, over its words of three characters or more. */
export const QUERY_TRIGRAMS = 4;

/** Bloom filter bits per trigram of a part, and bits set per trigram: about 2% false positives. */
export const TRIGRAM_BITS = 10;
export const TRIGRAM_PROBES = 3;

/** A bucket file: each key that hashes to it with its parts' mask, and per part (newest first) its slice of the trigram filter, base64. */
export interface WordPartsFile {
  words: Record<string, number>;
  trigrams: string[];
}

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

/** A trigram's hash (`fnv1a` of its three characters), what a part's filter is made from. */
export const trigramHash = fnv1a;

/** `trigramHash(a + b + c)`, without making the string: a build hashes millions of them. */
function hashOfThree(a: string, b: string, c: string): number {
  let hash = 0x811c9dc5;
  for (const part of [a, b, c]) {
    for (let i = 0; i < part.length; i++) {
      hash ^= part.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  return hash >>> 0;
}

/** Every trigram hash of a text: each run of three Han characters (text as the index holds it: folded). */
export function trigramHashes(text: string, into: Set<number> = new Set()): Set<number> {
  // The run's two characters before this one; empty after anything but a Han character.
  let first = '';
  let second = '';
  for (const char of text) {
    if (!isHan(char)) {
      first = second = '';
      continue;
    }
    if (first) into.add(hashOfThree(first, second, char));
    first = second;
    second = char;
  }
  return into;
}

/** The next of a trigram's bit positions: the hash mixed again, so its bits other than the bucket's decide. */
const mix = (value: number): number => {
  const once = Math.imul(value ^ (value >>> 15), 0x2c1b3c6d);
  return (Math.imul(once ^ (once >>> 12), 0x297a2d39) ^ (once >>> 15)) >>> 0;
};

/** Sets or tests a trigram's `TRIGRAM_PROBES` bits in a slice; with `set` false, whether all are set. */
function probe(slice: Uint8Array, hash: number, set: boolean): boolean {
  const bits = slice.length * 8;
  let mixed = hash;
  for (let round = 0; round < TRIGRAM_PROBES; round++) {
    mixed = mix(mixed);
    const position = mixed % bits;
    const mask = 1 << (position & 7);
    if (set) slice[position >> 3] = (slice[position >> 3] ?? 0) | mask;
    else if (((slice[position >> 3] ?? 0) & mask) === 0) return false;
  }
  return true;
}

/** Bytes of a part's slice in each bucket, for its number of trigrams. */
const sliceBytes = (trigrams: number, buckets: number): number => (trigrams === 0 ? 0 : Math.ceil((TRIGRAM_BITS * trigrams) / buckets / 8));

/**
 * The bucket files' contents, by bucket number (every bucket, empty ones too): per key the
 * mask of the parts (`keysByPart`, newest first) that hold it, and per part its slice of
 * the filter of its trigrams (`trigramsByPart`, hashes).
 */
export function wordPartsBuckets(keysByPart: readonly ReadonlySet<string>[], buckets: number, trigramsByPart: readonly ReadonlySet<number>[] = keysByPart.map(() => new Set())): WordPartsFile[] {
  if (keysByPart.length > MAX_LOOKUP_PARTS) throw new RangeError(`${keysByPart.length} index parts: a word-parts mask holds at most ${MAX_LOOKUP_PARTS}`);
  const masks = new Map<string, number>();
  for (const [part, keys] of keysByPart.entries()) for (const key of keys) masks.set(key, (masks.get(key) ?? 0) + bit(part));
  const files: WordPartsFile[] = Array.from({ length: buckets }, () => ({ words: {}, trigrams: [] }));
  // In the parts' order, each part's keys in its own order: the same parts give the same files.
  for (const [key, mask] of masks) {
    const file = files[hashBucket(key, buckets)];
    if (file) file.words[key] = mask;
  }
  for (const trigrams of trigramsByPart) {
    const bytes = sliceBytes(trigrams.size, buckets);
    const slices = Array.from({ length: buckets }, () => new Uint8Array(bytes));
    if (bytes > 0) for (const hash of trigrams) probe(slices[hash % buckets] as Uint8Array, hash, true);
    slices.forEach((slice, bucket) => files[bucket]?.trigrams.push(toBase64(slice)));
  }
  return files;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 without padding, the same in Node and every browser. */
function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let at = 0; at < bytes.length; at += 3) {
    const chunk = ((bytes[at] ?? 0) << 16) | ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - at) * 8) / 6));
    for (let i = 0; i < chars; i++) out += BASE64[(chunk >> (18 - 6 * i)) & 63];
  }
  return out;
}

function fromBase64(text: string): Uint8Array {
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let held = 0;
  let at = 0;
  for (const char of text) {
    buffer = (buffer << 6) | Math.max(0, BASE64.indexOf(char));
    held += 6;
    if (held >= 8) {
      held -= 8;
      bytes[at++] = (buffer >> held) & 255;
    }
  }
  return bytes;
}

/** Whether a part's slice (base64) may hold the trigram: every one of its bits is set. An empty slice holds nothing. */
export function sliceMayHold(slice: string, hash: number): boolean {
  const bytes = fromBase64(slice);
  return bytes.length > 0 && probe(bytes, hash, false);
}

/**
 * The keys whose parts decide where a query can be answered (`planQuery`'s words): each
 * Han word's probe tokens (the bigrams the search asks for, or a lone character), at most
 * `QUERY_KEYS`, spread over the words. None for a query with no Han word: every part may answer it.
 */
export function queryKeys(plan: { words: readonly { text: string; tokens: readonly string[]; offsets: readonly number[] }[] }): string[] {
  const perWord = plan.words.map((word) => {
    const chars = [...word.text];
    return word.tokens.every((token) => tokenText(token) !== undefined) ? word.offsets.map((offset) => chars.slice(offset, offset + 2).join('')) : [];
  });
  return inTurn(perWord, QUERY_KEYS);
}

/** At most `limit` distinct items, taken from each list in turn, so a long first word does not use up the share of the others. */
function inTurn(lists: readonly (readonly string[])[], limit: number): string[] {
  const taken: string[] = [];
  for (let at = 0; taken.length < limit && lists.some((list) => at < list.length); at++) {
    for (const list of lists) {
      const item = list[at];
      if (item && !taken.includes(item) && taken.length < limit) taken.push(item);
    }
  }
  return taken;
}

/** The trigrams a query asks about: from each Han word of three characters or more, spread over it, at most `QUERY_TRIGRAMS` in all. */
export function queryTrigrams(plan: { words: readonly { text: string; tokens: readonly string[] }[] }): string[] {
  const perWord = plan.words.map((word) => {
    const chars = [...word.text];
    if (chars.length < 3 || !chars.every(isHan)) return [];
    const starts: number[] = [];
    for (let at = 0; at < chars.length - 3; at += 3) starts.push(at);
    starts.push(chars.length - 3);
    return starts.map((at) => chars.slice(at, at + 3).join(''));
  });
  return inTurn(perWord, QUERY_TRIGRAMS);
}

/** The bucket a key falls in. */
export const wordBucket = hashBucket;

/** The bucket a trigram's bits fall in. */
export const trigramBucket = (trigram: string, buckets: number): number => trigramHash(trigram) % buckets;

/**
 * The parts (indexes into the manifest's parts, newest first) that hold every key and may
 * hold every trigram, given the bucket file each was found in as fetched (`fileOf`: its
 * parsed contents, or undefined where it could not be had). Undefined when nothing is
 * known: no keys, or a bucket missing, so every part stays a candidate.
 */
export function partsHolding(keys: readonly string[], trigrams: readonly string[], fileOf: (bucket: { key: string } | { trigram: string }) => unknown, partCount: number): number[] | undefined {
  if (keys.length === 0) return undefined;
  let candidates = Array.from({ length: partCount }, (_, part) => part);
  const isFile = (file: unknown): file is WordPartsFile => typeof file === 'object' && file !== null && typeof (file as WordPartsFile).words === 'object' && Array.isArray((file as WordPartsFile).trigrams);
  for (const key of keys) {
    const file = fileOf({ key });
    if (!isFile(file)) return undefined;
    // A key missing from its bucket is in no part.
    const mask = file.words[key];
    const held = typeof mask === 'number' ? mask : 0;
    candidates = candidates.filter((part) => hasBit(held, part));
  }
  for (const trigram of trigrams) {
    const file = fileOf({ trigram });
    if (!isFile(file)) return undefined;
    const hash = trigramHash(trigram);
    candidates = candidates.filter((part) => sliceMayHold(file.trigrams[part] ?? '', hash));
  }
  return candidates;
}
