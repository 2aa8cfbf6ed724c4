/**
 * Writes the title lookup's buckets (`title-lookup.ts`) for a finished search index (Node
 * only). The entries come from the index itself, every part's fragments, so each carries the
 * page id Pagefind will answer with, and the lookup can never name a page the index lacks.
 * Fragment files are named by a hash of their content, so an entry read once is kept by that
 * name in the build cache: a rebuild reads only the fragments that are new.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromIndexText } from './cjk.ts';
import { FOLD_TABLE_FILE } from './files.ts';
import { createFolder, identityFolder, type CharFolder } from './fold.ts';
import { pageIds, readFragment, type PageFragment } from './part-files.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from './shards.ts';
import { fromWire, LEAD_LENGTH, TITLE_FOLDER, textAfterTitle, titleBucket, titleBucketCount, titleBuckets, titleKey, toWire, type TitleEntry, type TitleEntryWire } from './title-lookup.ts';

export class TitleLookupError extends Error {
  override name = 'TitleLookupError';
}

/** In the build cache: the entry read from each fragment, by fragment file name (`TitleCache`). */
export const TITLE_CACHE_FILE = 'annals-titles.json';

/** Bumped when what `entryOf` makes of a fragment changes, so no entry of the old shape is reused. */
const ENTRY_FORMAT = 1;

interface TitleCache {
  /** The entry format and the folding table the entries were made with. */
  identity: string;
  entries: Record<string, TitleEntryWire[]>;
}

/** How much of a fragment's index text is decoded for the lead: far more than `LEAD_LENGTH` characters need. */
const LEAD_INDEX_TEXT = 40 * LEAD_LENGTH;

/** A fragment's entry: its title's key, and the opening of the text after the title. */
export function entryOf(id: string, fragment: PageFragment, fold: CharFolder): TitleEntry | undefined {
  const title = fragment.meta?.['title'];
  if (!title) return undefined;
  // As `SearchEngine.hits` cuts excerpts: the text read back, less the title it opens with.
  const body = textAfterTitle(fromIndexText(fragment.content.slice(0, LEAD_INDEX_TEXT)), title, fold);
  return { key: titleKey(title, fold), id, url: fragment.url, title, date: fragment.meta?.['date'], source: fragment.meta?.['source'], lead: [...body].slice(0, LEAD_LENGTH).join('') };
}

export interface TitleLookupSummary {
  /** Pages with a title in the lookup. */
  titles: number;
  buckets: number;
  /** Fragment files read in this build (the others came from the cache). */
  read: number;
  ms: number;
}

/**
 * Writes `<pagefindDir>/titles/<n>.json` for the index in `pagefindDir` (every part the
 * manifest names) and records the bucket count in the manifest. `cacheDir`: where the
 * entries read are kept between builds.
 */
export function writeTitleLookup(pagefindDir: string, options: { cacheDir?: string | undefined } = {}): TitleLookupSummary {
  const started = performance.now();
  const manifestFile = join(pagefindDir, SHARD_MANIFEST_FILE);
  if (!existsSync(manifestFile)) throw new TitleLookupError(`${manifestFile} is missing: the title lookup is written after the search index`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as ShardManifest;
  const foldFile = join(pagefindDir, FOLD_TABLE_FILE);
  const foldTable = existsSync(foldFile) ? readFileSync(foldFile, 'utf8') : '';
  const fold = foldTable ? createFolder(foldTable) : identityFolder;
  const identity = createHash('sha256').update(`${ENTRY_FORMAT}\n${foldTable}`).digest('hex');
  const cacheFile = options.cacheDir ? join(options.cacheDir, TITLE_CACHE_FILE) : undefined;
  const previous = cacheFile && existsSync(cacheFile) ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as TitleCache) : undefined;
  const cached = new Map<string, TitleEntryWire[]>(previous?.identity === identity ? Object.entries(previous.entries) : []);
  const kept: Record<string, TitleEntryWire[]> = {};
  const entries: TitleEntry[] = [];
  let read = 0;
  // Every part the browser merges, the recent-changes part included; a stale page (changed
  // or removed since its part was kept) is never offered (`recent-filter.ts`).
  const stale = new Set(manifest.recent?.stale ?? []);
  for (const part of ['', ...manifest.merge, ...(manifest.recent?.path ? [manifest.recent.path] : [])]) {
    const partDir = join(pagefindDir, part);
    if (!existsSync(join(partDir, 'fragment'))) throw new TitleLookupError(`${join(partDir, 'fragment')} is missing: the index part ${part || '(newest)'} has no fragments`);
    for (const id of pageIds(partDir)) {
      const name = `${id}.pf_fragment`;
      let wire = cached.get(name);
      if (!wire) {
        read++;
        const entry = entryOf(id, readFragment(partDir, id, (message) => new TitleLookupError(message)), fold);
        wire = entry ? [toWire(entry)] : [];
      }
      kept[name] = wire;
      entries.push(...wire.map(fromWire).filter((entry) => !stale.has(entry.id)));
    }
  }
  const buckets = titleBucketCount(entries.length);
  const titlesDir = join(pagefindDir, TITLE_FOLDER);
  rmSync(titlesDir, { recursive: true, force: true });
  mkdirSync(titlesDir, { recursive: true });
  for (const [bucket, contents] of titleBuckets(entries, buckets).entries()) writeFileSync(join(titlesDir, `${bucket}.json`), JSON.stringify(contents));
  writeFileSync(manifestFile, `${JSON.stringify({ ...manifest, titles: { buckets } } satisfies ShardManifest)}\n`);
  if (cacheFile && options.cacheDir) {
    mkdirSync(options.cacheDir, { recursive: true });
    writeFileSync(cacheFile, JSON.stringify({ identity, entries: kept } satisfies TitleCache));
  }
  return { titles: entries.length, buckets, read, ms: Math.round(performance.now() - started) };
}

/**
 * What is wrong with the title lookup of the index in `pagefindDir`, as sentences for the
 * output check: every bucket is there, and every entry sits in the bucket its title hashes
 * to and names, once, a page a reader can find (`pageIds`: every part's, less stale ones).
 */
export function titleLookupProblems(pagefindDir: string, pageIds: ReadonlySet<string>): string[] {
  const manifestFile = join(pagefindDir, SHARD_MANIFEST_FILE);
  const buckets = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as ShardManifest).titles?.buckets : undefined;
  if (!buckets) return [`pagefind/${SHARD_MANIFEST_FILE} names no title lookup: a whole title typed would wait for the whole index (src/lib/search/title-lookup-files.ts writes it after indexing)`];
  const problems: string[] = [];
  const listed = new Set<string>();
  for (let bucket = 0; bucket < buckets; bucket++) {
    const file = join(pagefindDir, TITLE_FOLDER, `${bucket}.json`);
    const where = `pagefind/${TITLE_FOLDER}/${bucket}.json`;
    if (!existsSync(file)) {
      problems.push(`${where} is missing: the manifest names ${buckets} title buckets`);
      continue;
    }
    const contents: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(contents)) {
      problems.push(`${where} is not a list of title entries`);
      continue;
    }
    for (const wire of contents as TitleEntryWire[]) {
      const entry = fromWire(wire);
      if (titleBucket(entry.key, buckets) !== bucket) problems.push(`${where} lists "${entry.title}" (${entry.url}), whose title belongs in bucket ${titleBucket(entry.key, buckets)}`);
      if (!pageIds.has(entry.id)) problems.push(`${where} lists "${entry.title}" (${entry.url}) under the page id ${entry.id}, which no index part has or which is stale: readers would be shown a page search then drops`);
      if (listed.has(entry.id)) problems.push(`${where} lists the page id ${entry.id} (${entry.url}) a second time`);
      listed.add(entry.id);
    }
  }
  if (listed.size === 0 && pageIds.size > 0) problems.push(`the title lookup lists none of the index's ${pageIds.size} pages`);
  return problems;
}
