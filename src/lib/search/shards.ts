/**
 * How the search index is split (issue "Scale"): Pagefind's memory and time grow with the
 * text of everything it indexes at once, so the archive is indexed in parts of at most
 * `searchShardPages` pages and `searchPartText` characters of article text (`site.config.ts`),
 * each a run of whole years, newest first. The browser answers a first
 * search from one part, the newest that holds the query's words (`word-parts.ts`), then
 * merges the others (Pagefind's `mergeIndex`), so the first answer's cost does not grow
 * with the archive; a part whose pages did not change
 * (or only a few did: `recent-changes.ts`) is reused from the cache; and CI can build parts
 * on separate machines because a part is just a range of years.
 *
 * A year is never split, so a year belongs to exactly one part: the search page relies on
 * that to keep newest-first order across parts, and to name the years a first answer covers. The
 * one exception is the recent-changes part, whose pages the manifest lists with their year
 * and the sort score their year's part would give them (`RecentManifest`).
 */
import type { TitleLookupInfo } from './title-lookup.ts';
import type { WordPartsInfo } from './word-parts.ts';

export interface SearchShard {
  /** `2024` or `2022-2023`: the folder name of a part that is not the first. */
  name: string;
  /** Newest first. */
  years: number[];
  pages: number;
}

/** The manifest the indexer writes beside Pagefind's files, read by the search page. */
export const SHARD_MANIFEST_FILE = 'annals-shards.json';
/** Where parts after the first live, under `/pagefind/`. */
export const SHARD_FOLDER = 'shards';

export interface ShardManifest {
  /** Paths of the parts after the first, relative to `/pagefind/`, each ending in `/`. */
  merge: string[];
  /** Every part, newest first; the first is `/pagefind/` itself. */
  shards: SearchShard[];
  /** The title lookup's buckets (`title-lookup.ts`); absent in an index written without it. */
  titles?: TitleLookupInfo;
  /** The word-parts lookup's buckets (`word-parts.ts`); absent in an index written without it. */
  words?: WordPartsInfo;
  /** The recent-changes part, when a part was kept from an earlier build with a few pages changed (`recent-changes.ts`). */
  recent?: RecentManifest | undefined;
}

/** Where the recent-changes part is, under `/pagefind/`. */
export const RECENT_FOLDER = `${SHARD_FOLDER}/recent/`;
/** Its name, as the language tag's private-use subtag (`partLanguage`); never a year. */
export const RECENT_PART = 'recent';

/**
 * The recent-changes part: the pages added or changed since the parts they belong to were
 * indexed, indexed on their own, and the ids those parts still hold for pages that changed
 * or were removed since. The browser merges the part with the first one it opens and drops the
 * stale ids from every answer.
 */
export interface RecentManifest {
  /** The part's folder, relative to `/pagefind/`, ending in `/`; none when pages were only removed. */
  path?: string | undefined;
  /** Page ids in the other parts whose page changed (its new version is in this part) or was removed. */
  stale: string[];
  /**
   * Every page of this part by its id: its year, and its newest-first sort score as if it
   * were in its year's part (Pagefind scores a sorted result by its position in its own
   * part's order, so the engine compares this with the scores of that part's results).
   */
  pages: Record<string, [year: number, sortScore: number]>;
}

/**
 * `2022-2023` for years given newest first, `2024` for one: a part's folder name, and with
 * `dash` '–' how the search surfaces name the years of the parts a first answer covers.
 */
export function yearSpan(years: readonly number[], dash = '-'): string {
  const newest = years[0];
  const oldest = years[years.length - 1];
  return newest === oldest ? String(newest ?? '') : `${oldest}${dash}${newest}`;
}

/** What one year of articles weighs in a part: its article pages, and their text. */
export interface YearSize {
  pages: number;
  /** Characters of the articles' titles and bodies as written (`publishedPerYear`); 0 when unknown. */
  text: number;
}

/** The most one part holds, unless a single year alone is more. */
export interface PartLimits {
  pages: number;
  /** Characters of article text (`YearSize.text`). */
  text: number;
}

/**
 * Groups years into parts of whole years, each holding at most `limits.pages` pages and
 * `limits.text` characters of article text unless one year alone is bigger, and returns
 * them newest first. Both limits, because Pagefind's memory follows the text it indexes at
 * once, not the page count (xwlb's 8,127 pages of 4.3 million characters peaked at 2.15 GB,
 * its 5,218 pages of 2.6 million at 1.40 GB). Filled from the oldest year, so a part once
 * full never changes again: new articles only grow the newest part, and when it is full the
 * next year starts a new one.
 */
export function planShards(sizeByYear: ReadonlyMap<number, YearSize>, limits: PartLimits): SearchShard[] {
  if (!(limits.pages >= 1)) throw new RangeError(`the most pages a search index part holds (searchShardPages in src/site.config.ts, or ANNALS_SEARCH_SHARD_PAGES) must be a number of at least 1 page, got ${limits.pages}`);
  if (!(limits.text >= 1)) throw new RangeError(`the most text a search index part holds (searchPartText in src/site.config.ts, or ANNALS_SEARCH_PART_TEXT) must be a number of at least 1 character, got ${limits.text}`);
  const oldestFirst = [...sizeByYear.keys()].sort((a, b) => a - b);
  const shards: SearchShard[] = [];
  let current: { years: number[]; pages: number; text: number } | undefined;
  const close = () => {
    if (!current) return;
    const years = [...current.years].reverse();
    shards.unshift({ name: yearSpan(years), years, pages: current.pages });
    current = undefined;
  };
  for (const year of oldestFirst) {
    const { pages, text } = sizeByYear.get(year) ?? { pages: 0, text: 0 };
    if (current && (current.pages + pages > limits.pages || current.text + text > limits.text)) close();
    current ??= { years: [], pages: 0, text: 0 };
    current.years.push(year);
    current.pages += pages;
    current.text += text;
  }
  close();
  return shards;
}

export function shardManifest(shards: readonly SearchShard[], recent?: RecentManifest): ShardManifest {
  return { merge: shards.slice(1).map((shard) => `${SHARD_FOLDER}/${shard.name}/`), shards: [...shards], ...(recent ? { recent } : {}) };
}

/**
 * The language tag a part is indexed under: the site's locale with the part's name as
 * private-use subtags (`zh-CN-x-2022-2023`).
 *
 * Why: Pagefind names a page `<language>_<7 hex digits of a hash of its data>`, unique
 * within one index but not across parts merged in the browser (xwlb's 19,876 pages in
 * three parts had two pairs), and the search page then mixed the two pages up. Under its
 * own tag no part can share an id with another, so nothing has to be indexed twice. The
 * tag changes nothing else Pagefind writes (same index chunks, filters and fragments), and
 * the browser opens a part whose only language is not the page's under that language.
 */
export function partLanguage(locale: string, shard: Pick<SearchShard, 'name'>): string {
  const subtags = shard.name.split('-');
  if (!subtags.every((subtag) => /^[A-Za-z0-9]{1,8}$/.test(subtag))) throw new RangeError(`the index part name ${shard.name} cannot be a private-use language subtag`);
  return `${locale}${/-x-/i.test(locale) ? '' : '-x'}-${subtags.join('-')}`;
}

/**
 * Page ids found in more than one part, with the parts that hold them. Parts indexed under
 * their own language (`partLanguage`) never share one; the output check still looks, since
 * the browser would mix such pages up.
 */
export function sharedPageIds(idsByPart: ReadonlyMap<string, Iterable<string>>): Map<string, string[]> {
  const parts = new Map<string, string[]>();
  for (const [part, ids] of idsByPart) {
    for (const id of ids) {
      const holders = parts.get(id);
      if (holders) holders.push(part);
      else parts.set(id, [part]);
    }
  }
  return new Map([...parts].filter(([, holders]) => holders.length > 1));
}
