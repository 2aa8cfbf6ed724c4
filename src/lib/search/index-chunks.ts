/**
 * Smaller index chunks for a written Pagefind index part (Node only).
 *
 * Why: Pagefind 1.6 cuts its word index into chunks of about 20,000 word locations, a fixed
 * size with no option (pagefind/src/index/mod.rs, `chunk_index`), about 31 KB each on the
 * wire here. A query loads one chunk per token per part, so a later search for one word
 * over xwlb's three parts cost 91 KB, and two words 185 KB, nearly all of it chunks (the
 * results' fragments were 9–17 KB). The CJK layer's tokens make many small words, so most
 * of every chunk is words the query never asked for. Re-cut into chunks of a few hundred
 * locations, a query loads a few kilobytes per token; the part's metadata grows by one
 * boundary entry per chunk. Measured on xwlb (quiet, one run each): over three parts, at
 * 1,000 locations a later search of an exact title still cost 88 KB; at 500, 62 KB, the
 * newest part's metadata growing from 110 to 136 KB (Pagefind's own: 88 KB) and chunks of
 * 3.6 KB median. Over five parts (parts bounded by text, `shards.ts`) a query asks each
 * part: at 500 the exact title cost 99 KB against 74 KB over three in the same run; at 250,
 * 86 KB there and 69 KB over 40 titles, with chunks of 1.9 KB median and the newest part's
 * metadata at 77 KB (58 KB at 500).
 *
 * How: the part's chunks are read back (gzip, Pagefind's `pagefind_dcd` signature, then the
 * CBOR arrays `pagefind_web` decodes), their words cut again in order, and written with the
 * boundary words and hash-derived names Pagefind itself gives them; the metadata file is
 * rewritten with the new chunk list under a new name, and `pagefind-entry.json` points at
 * it. Words that share a prefix the browser may search for (a character's token and the
 * bigrams that start with it, or any word and its extensions) stay in one chunk, because
 * Pagefind loads the single chunk whose range holds a term and finds its extensions there.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CHAR_TOKEN_LENGTH, TOKEN_PREFIX } from './cjk.ts';

export class IndexChunkError extends Error {
  override name = 'IndexChunkError';
}

/** The CBOR values Pagefind's index files hold: unsigned and negative integers, text, definite arrays. */
export type CborValue = number | string | CborValue[];

/** Pagefind's signature before the CBOR of every gzipped file it writes. */
const SIGNATURE = 'pagefind_dcd';

/** Word locations per chunk (Pagefind's own is 20,000). */
export const CHUNK_LOCATIONS = 250;

/** How far past `CHUNK_LOCATIONS` a chunk grows to keep words of one prefix together (`cutWords`). */
export const GROUP_LIMIT = 4;

export function decodeCbor(bytes: Uint8Array): CborValue {
  let at = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const argument = (info: number): number => {
    if (info < 24) return info;
    const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (width === 0 || at + width > bytes.length) throw new IndexChunkError(`unsupported or cut CBOR length at byte ${at}`);
    const value = width === 1 ? view.getUint8(at) : width === 2 ? view.getUint16(at) : width === 4 ? view.getUint32(at) : Number(view.getBigUint64(at));
    at += width;
    return value;
  };
  const read = (): CborValue => {
    if (at >= bytes.length) throw new IndexChunkError('CBOR ends early');
    const head = bytes[at++] ?? 0;
    const major = head >> 5;
    const value = argument(head & 31);
    if (major === 0) return value;
    if (major === 1) return -1 - value;
    if (major === 3) {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + value));
      at += value;
      return text;
    }
    if (major === 4) return Array.from({ length: value }, read);
    throw new IndexChunkError(`CBOR major type ${major} at byte ${at - 1} is not one Pagefind's index uses`);
  };
  const value = read();
  if (at !== bytes.length) throw new IndexChunkError(`${bytes.length - at} bytes after the CBOR value`);
  return value;
}

/** A CBOR head with the shortest length encoding, as minicbor (Pagefind's encoder) writes it. */
export function cborHead(major: number, length: number): number[] {
  if (length < 24) return [(major << 5) | length];
  if (length < 0x100) return [(major << 5) | 24, length];
  if (length < 0x10000) return [(major << 5) | 25, length >> 8, length & 0xff];
  if (length < 0x100000000) return [(major << 5) | 26, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff];
  throw new IndexChunkError(`${length} is too large for the index`);
}

export function encodeCbor(value: CborValue): Uint8Array {
  const out: number[] = [];
  const head = (major: number, length: number) => out.push(...cborHead(major, length));
  const write = (item: CborValue) => {
    if (typeof item === 'number') {
      if (!Number.isInteger(item)) throw new IndexChunkError(`${item} is not an integer`);
      if (item >= 0) head(0, item);
      else head(1, -1 - item);
    } else if (typeof item === 'string') {
      const bytes = new TextEncoder().encode(item);
      head(3, bytes.length);
      for (const byte of bytes) out.push(byte);
    } else {
      head(4, item.length);
      for (const element of item) write(element);
    }
  };
  write(value);
  return Uint8Array.from(out);
}

/** The CBOR of one of Pagefind's files: gunzipped, after its signature. */
function signedCbor(path: string): Uint8Array {
  const data = gunzipSync(readFileSync(path));
  if (data.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE) throw new IndexChunkError(`${path} does not start with Pagefind's ${SIGNATURE} signature`);
  return data.subarray(SIGNATURE.length);
}

export const readPagefindFile = (path: string): CborValue => decodeCbor(signedCbor(path));

function pagefindFileBytes(cbor: Uint8Array): Buffer {
  return gzipSync(Buffer.concat([Buffer.from(SIGNATURE, 'latin1'), cbor]));
}

/**
 * A word of a chunk as its CBOR bytes, unchanged: the word, then per page an array that
 * starts with the page's number and its locations (what follows, in the word or a page, is
 * Pagefind's and travels with the bytes). Each word's pages are complete in themselves, so
 * words can move between chunks without being decoded.
 */
export interface RawWord {
  word: string;
  /** Word locations, counted as Pagefind counts them for its chunk size: each page's locations plus one. */
  locations: number;
  bytes: Uint8Array;
}

/** The words of a chunk's CBOR (`[[word, pages, …], …]` in a one-element array), as byte slices. */
export function scanWords(cbor: Uint8Array, where: string): RawWord[] {
  let at = 0;
  const view = new DataView(cbor.buffer, cbor.byteOffset, cbor.byteLength);
  const head = (): [major: number, value: number] => {
    if (at >= cbor.length) throw new IndexChunkError(`${where}: the word index ends early`);
    const first = cbor[at++] ?? 0;
    const info = first & 31;
    let value = info;
    if (info >= 24) {
      const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
      if (width === 0) throw new IndexChunkError(`${where}: unsupported CBOR length at byte ${at - 1}`);
      value = width === 1 ? view.getUint8(at) : width === 2 ? view.getUint16(at) : view.getUint32(at);
      at += width;
    }
    return [first >> 5, value];
  };
  const expect = (major: number, what: string): number => {
    const [found, value] = head();
    if (found !== major) throw new IndexChunkError(`${where}: expected ${what} (CBOR major type ${major}), found type ${found}: not a word index as Pagefind 1.6 writes it`);
    return value;
  };
  const skip = (): void => {
    const [major, value] = head();
    if (major === 3) at += value;
    else if (major === 4) for (let i = 0; i < value; i++) skip();
    else if (major !== 0 && major !== 1) throw new IndexChunkError(`${where}: CBOR major type ${major} is not one Pagefind's index uses`);
  };
  if (expect(4, 'the chunk') !== 1) throw new IndexChunkError(`${where}: a chunk of Pagefind 1.6 is an array of one field, the words`);
  const count = expect(4, 'the list of words');
  const words: RawWord[] = [];
  for (let i = 0; i < count; i++) {
    const start = at;
    const fields = expect(4, 'a word');
    const length = expect(3, "the word's text");
    const word = new TextDecoder().decode(cbor.subarray(at, at + length));
    at += length;
    const pages = expect(4, "the word's pages");
    let locations = 0;
    for (let page = 0; page < pages; page++) {
      const pageFields = expect(4, 'a page');
      expect(0, 'a page number');
      const locationCount = expect(4, 'the locations');
      for (let l = 0; l < locationCount; l++) skip();
      locations += locationCount + 1;
      for (let rest = 2; rest < pageFields; rest++) skip();
    }
    for (let rest = 2; rest < fields; rest++) skip();
    words.push({ word, locations, bytes: cbor.subarray(start, at) });
  }
  return words;
}

/** A chunk's CBOR: a one-element array holding the array of its words' bytes. */
export function chunkCbor(words: readonly RawWord[]): Uint8Array {
  return Buffer.concat([Uint8Array.from([...cborHead(4, 1), ...cborHead(4, words.length)]), ...words.map((word) => word.bytes)]);
}

/** A CJK token of one character (`qxabcd`) is the prefix of every bigram token that starts with it. */
const isToken = (word: string) => word.startsWith(TOKEN_PREFIX) && word.length >= CHAR_TOKEN_LENGTH;

/** Whether `next` may start a new chunk after `previous`: not when the browser could search for a prefix of both. */
export function mayCutBetween(previous: string, next: string): boolean {
  if (next.startsWith(previous)) return false;
  return !(isToken(previous) && isToken(next) && previous.slice(0, CHAR_TOKEN_LENGTH) === next.slice(0, CHAR_TOKEN_LENGTH));
}

/**
 * The words in order, cut into chunks of about `locations` word locations each, never
 * between words that share a searchable prefix (`mayCutBetween`) unless the chunk has grown
 * to `GROUP_LIMIT` times the size: a common character begins thousands of bigrams, and one
 * chunk for all of them would cost every query of one of them as much as Pagefind's.
 */
export function cutWords(words: readonly RawWord[], locations: number): RawWord[][] {
  const chunks: RawWord[][] = [];
  let chunk: RawWord[] = [];
  let size = 0;
  for (const word of words) {
    const previous = chunk.at(-1);
    if (previous && size >= locations && (size >= GROUP_LIMIT * locations || mayCutBetween(previous.word, word.word))) {
      chunks.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(word);
    size += word.locations;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Pagefind's chunk boundaries: each chunk's first and last words, cut to where neighbours differ (`chunk_meta`). */
export function chunkBounds(chunks: readonly (readonly RawWord[])[]): { from: string; to: string }[] {
  const bounds = chunks.map((chunk) => ({ from: chunk[0]?.word ?? '', to: chunk.at(-1)?.word ?? '' }));
  for (let i = 0; i + 1 < bounds.length; i++) {
    const left = bounds[i];
    const right = bounds[i + 1];
    if (!left || !right) continue;
    const a = [...left.to];
    const b = [...right.from];
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    left.to = a.slice(0, common + 1).join('');
    right.from = b.slice(0, common + 1).join('');
  }
  return bounds;
}

export interface ChunkSplit {
  before: number;
  after: number;
  /** The metadata's size before and after, gzipped. */
  metaBytes: [number, number];
}

interface PartIndex {
  entryFile: string;
  entry: { languages: Record<string, { hash: string } & Record<string, unknown>> } & Record<string, unknown>;
  language: string;
  details: { hash: string } & Record<string, unknown>;
  metaFile: string;
  meta: CborValue[];
  /** The word index's chunk files, in the metadata's order. */
  chunkFiles: string[];
}

/** The entry file of a part (one language, as the indexer writes it): its language and metadata hash. */
function readPartEntry(partDir: string): Pick<PartIndex, 'entryFile' | 'entry' | 'language' | 'details'> {
  const entryFile = join(partDir, 'pagefind-entry.json');
  const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as PartIndex['entry'];
  const languages = Object.entries(entry.languages);
  const [language, details] = languages[0] ?? [];
  if (languages.length !== 1 || !language || !details) throw new IndexChunkError(`${entryFile} has ${languages.length} languages; an index part has one`);
  return { entryFile, entry, language, details };
}

function readPartIndex(partDir: string): PartIndex {
  const head = readPartEntry(partDir);
  const metaFile = join(partDir, `pagefind.${head.details.hash}.pf_meta`);
  const meta = readPagefindFile(metaFile);
  const chunks = Array.isArray(meta) ? meta[2] : undefined;
  if (!Array.isArray(meta) || !Array.isArray(chunks)) throw new IndexChunkError(`${metaFile} has no chunk list where Pagefind 1.6 writes one`);
  const chunkFiles = chunks.map((chunk) => {
    const hash = Array.isArray(chunk) ? chunk[2] : undefined;
    if (typeof hash !== 'string') throw new IndexChunkError(`${metaFile} lists a chunk without a name`);
    return join(partDir, 'index', `${hash}.pf_index`);
  });
  return { ...head, metaFile, meta, chunkFiles };
}

/** The name of a part's metadata (`<language>_<hash>`), which changes whenever its word index does. */
export const partMetaHash = (partDir: string): string => readPartEntry(partDir).details.hash;

/** Every word a part's index holds, in index order. */
export const partWords = (partDir: string): string[] => readPartIndex(partDir).chunkFiles.flatMap((file) => scanWords(signedCbor(file), file).map((word) => word.word));

/**
 * Re-cuts the word index of the part in `partDir` (one language, as the indexer writes it)
 * into chunks of about `locations` word locations. Returns undefined, changing nothing,
 * when the part already has chunks that small.
 */
export function splitIndexChunks(partDir: string, locations = CHUNK_LOCATIONS): ChunkSplit | undefined {
  const { entryFile, entry, language, details, metaFile, meta, chunkFiles } = readPartIndex(partDir);
  const words = chunkFiles.flatMap((file) => scanWords(signedCbor(file), file));
  const chunks = cutWords(words, locations);
  if (chunks.length <= chunkFiles.length) return undefined;
  const bounds = chunkBounds(chunks);
  const names = new Set<string>();
  const chunkList: CborValue[] = [];
  const files = new Map<string, Buffer>();
  for (const [i, chunk] of chunks.entries()) {
    const cbor = chunkCbor(chunk);
    const digest = createHash('sha256').update(cbor).digest('hex');
    // Named as Pagefind names chunks: the language, then as much of the hash as keeps names apart.
    let length = 7;
    while (names.has(`${language}_${digest.slice(0, length)}`)) length++;
    const name = `${language}_${digest.slice(0, length)}`;
    names.add(name);
    files.set(name, pagefindFileBytes(cbor));
    chunkList.push([bounds[i]?.from ?? '', bounds[i]?.to ?? '', name]);
  }
  for (const file of chunkFiles) rmSync(file);
  for (const [name, bytes] of files) writeFileSync(join(partDir, 'index', `${name}.pf_index`), bytes);
  const newMeta = encodeCbor(meta.map((field, i) => (i === 2 ? chunkList : field)));
  const metaHash = `${language}_${createHash('sha256').update(newMeta).digest('hex').slice(0, 20)}`;
  const metaBytes = pagefindFileBytes(newMeta);
  const before = readFileSync(metaFile).length;
  rmSync(metaFile);
  writeFileSync(join(partDir, `pagefind.${metaHash}.pf_meta`), metaBytes);
  writeFileSync(entryFile, JSON.stringify({ ...entry, languages: { [language]: { ...details, hash: metaHash } } }));
  return { before: chunkFiles.length, after: chunks.length, metaBytes: [before, metaBytes.length] };
}
