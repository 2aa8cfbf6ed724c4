/**
 * Writes and checks the word-parts lookup (`word-parts.ts`) of a finished search index
 * (Node only). Each part's keys come from its own word index and its trigrams from its
 * pages' fragments, and the recent-changes part's count for the parts its pages belong to,
 * so the lookup can never miss a word a part holds. A part's keys and trigrams are kept in
 * the build cache under its metadata's name, which changes whenever its words do: a
 * rebuild reads only the parts it re-indexed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromIndexText } from './cjk.ts';
import { partMetaHash, partWords } from './index-chunks.ts';
import { pageIds, readFragment } from './part-files.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from './shards.ts';
import { keysOfWords, MAX_LOOKUP_PARTS, trigramHashes, WORD_PARTS_FOLDER, wordBucket, wordBucketCount, wordPartsBuckets, type WordPartsFile } from './word-parts.ts';

/** In the build cache: each part's keys, one file per part, named by its metadata. */
export const WORD_PARTS_CACHE_FOLDER = 'annals-word-parts';

/** Bumped when what `keysOfWords` or `trigramHashes` make of a part changes, so nothing older is reused. */
const KEYS_FORMAT = 2;

export class WordPartsError extends Error {
  override name = 'WordPartsError';
}

interface PartLookup {
  keys: Set<string>;
  trigrams: Set<number>;
}

export interface WordPartsSummary {
  /** Distinct keys over every part; 0 when no lookup was written. */
  keys: number;
  /** Distinct trigrams, summed over the parts. */
  trigrams: number;
  buckets: number;
  /** Parts whose words were read in this build (the others came from the cache). */
  read: number;
  ms: number;
}

/**
 * A part's keys and trigrams: from the build cache under `cacheDir` when they are there,
 * else read from its word index and fragments and kept there. `cacheFiles`: the cache's
 * entries for the part, by name.
 */
export function partLookup(partDir: string, cacheDir: string | undefined): { lookup: PartLookup; read: boolean; cacheFiles: string[] } {
  const cache = cacheDir ? join(cacheDir, WORD_PARTS_CACHE_FOLDER) : undefined;
  const name = `${KEYS_FORMAT}-${partMetaHash(partDir)}`;
  const cacheFiles = [`${name}.json`, `${name}.trigrams`];
  const keysFile = cache && join(cache, `${name}.json`);
  const trigramsFile = cache && join(cache, `${name}.trigrams`);
  if (keysFile && trigramsFile && existsSync(keysFile) && existsSync(trigramsFile)) {
    const bytes = readFileSync(trigramsFile);
    return { lookup: { keys: new Set(JSON.parse(readFileSync(keysFile, 'utf8')) as string[]), trigrams: new Set(new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2)) }, read: false, cacheFiles };
  }
  const keys = keysOfWords(partWords(partDir));
  // The text as the page's fragment holds it, folded as it was indexed.
  const trigrams = new Set<number>();
  for (const id of pageIds(partDir)) trigramHashes(fromIndexText(readFragment(partDir, id, (message) => new WordPartsError(message)).content, '\n'), trigrams);
  if (keysFile && trigramsFile && cache) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(keysFile, JSON.stringify([...keys]));
    writeFileSync(trigramsFile, Uint32Array.from(trigrams));
  }
  return { lookup: { keys, trigrams }, read: true, cacheFiles };
}

/**
 * Writes `<pagefindDir>/words/<n>.json` for the parts the manifest names and records the
 * bucket count in the manifest. An index of more parts than a mask holds gets no lookup
 * (its first searches ask the parts newest first, as without one). `cacheDir`: where each
 * part's keys are kept between builds.
 */
export function writeWordParts(pagefindDir: string, options: { cacheDir?: string | undefined } = {}): WordPartsSummary {
  const started = performance.now();
  const manifestFile = join(pagefindDir, SHARD_MANIFEST_FILE);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ShardManifest;
  const folder = join(pagefindDir, WORD_PARTS_FOLDER);
  rmSync(folder, { recursive: true, force: true });
  const parts = ['', ...manifest.merge];
  if (parts.length > MAX_LOOKUP_PARTS) {
    const { words: _dropped, ...rest } = manifest;
    writeFileSync(manifestFile, `${JSON.stringify(rest satisfies ShardManifest)}\n`);
    return { keys: 0, trigrams: 0, buckets: 0, read: 0, ms: Math.round(performance.now() - started) };
  }
  const kept = new Set<string>();
  let read = 0;
  const lookupOf = (part: string): PartLookup => {
    const found = partLookup(join(pagefindDir, part), options.cacheDir);
    for (const file of found.cacheFiles) kept.add(file);
    if (found.read) read++;
    return found.lookup;
  };
  const lookups = parts.map(lookupOf);
  // The recent-changes part's pages belong to other parts: its words count as theirs.
  const recent = manifest.recent;
  if (recent?.path) {
    const recentLookup = lookupOf(recent.path);
    const owners = new Set(Object.values(recent.pages).map(([part]) => part));
    for (const [at, shard] of manifest.shards.entries()) {
      const lookup = lookups[at];
      if (!lookup || !owners.has(shard.name)) continue;
      for (const key of recentLookup.keys) lookup.keys.add(key);
      for (const trigram of recentLookup.trigrams) lookup.trigrams.add(trigram);
    }
  }
  const cache = options.cacheDir ? join(options.cacheDir, WORD_PARTS_CACHE_FOLDER) : undefined;
  if (cache && existsSync(cache)) for (const entry of readdirSync(cache)) if (!kept.has(entry)) rmSync(join(cache, entry), { force: true });
  const keys = new Set(lookups.flatMap((lookup) => [...lookup.keys])).size;
  const buckets = wordBucketCount(keys);
  mkdirSync(folder, { recursive: true });
  const files = wordPartsBuckets(
    lookups.map((lookup) => lookup.keys),
    buckets,
    lookups.map((lookup) => lookup.trigrams),
  );
  for (const [bucket, contents] of files.entries()) writeFileSync(join(folder, `${bucket}.json`), JSON.stringify(contents));
  writeFileSync(manifestFile, `${JSON.stringify({ ...manifest, words: { buckets } } satisfies ShardManifest)}\n`);
  return { keys, trigrams: lookups.reduce((sum, lookup) => sum + lookup.trigrams.size, 0), buckets, read, ms: Math.round(performance.now() - started) };
}

/**
 * What is wrong with the word-parts lookup of the index in `pagefindDir`, as sentences for
 * the output check: every bucket is there, each key sits in the bucket it hashes to, and
 * each mask names only parts the manifest has. No lookup is a problem only for an index of
 * few enough parts to have one.
 */
export function wordPartsProblems(pagefindDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(pagefindDir, SHARD_MANIFEST_FILE), 'utf8')) as ShardManifest;
  const parts = 1 + manifest.merge.length;
  const buckets = manifest.words?.buckets;
  if (!buckets) {
    return parts > MAX_LOOKUP_PARTS
      ? []
      : [`pagefind/${SHARD_MANIFEST_FILE} names no word-parts lookup: a first search could not start in the part that answers it (src/lib/search/word-parts-files.ts writes it after indexing)`];
  }
  const problems: string[] = [];
  const limit = 2 ** parts;
  for (let bucket = 0; bucket < buckets; bucket++) {
    const where = `pagefind/${WORD_PARTS_FOLDER}/${bucket}.json`;
    const file = join(pagefindDir, WORD_PARTS_FOLDER, `${bucket}.json`);
    if (!existsSync(file)) {
      problems.push(`${where} is missing: the manifest names ${buckets} word-parts buckets`);
      continue;
    }
    const contents = JSON.parse(readFileSync(file, 'utf8')) as Partial<WordPartsFile> | null;
    if (typeof contents?.words !== 'object' || contents.words === null || !Array.isArray(contents.trigrams)) {
      problems.push(`${where} is not a bucket of words and their parts with the parts' trigram filters`);
      continue;
    }
    if (contents.trigrams.length !== parts) problems.push(`${where} has trigram filters for ${contents.trigrams.length} parts; the index has ${parts}`);
    for (const [key, mask] of Object.entries(contents.words)) {
      if (wordBucket(key, buckets) !== bucket) problems.push(`${where} lists "${key}", which belongs in bucket ${wordBucket(key, buckets)}`);
      if (typeof mask !== 'number' || !Number.isInteger(mask) || mask <= 0 || mask >= limit) problems.push(`${where} gives "${key}" the parts ${JSON.stringify(mask)}, not a mask over the index's ${parts} parts`);
    }
  }
  return problems;
}
