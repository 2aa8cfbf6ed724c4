/**
 * How the search index is split (issue "Scale"): Pagefind's memory and time grow with the
 * text of everything it indexes at once, so the archive is indexed in parts of at most
 * `searchShardPages` pages and `searchPartText` characters of article text (`site.config.ts`),
 * each a run of whole years, newest first, or, for a year that alone holds more than one
 * part may, a run of that year's months. The browser answers a first
 * search from one part, the newest that holds the query's words (`word-parts.ts`), then
 * merges the others (Pagefind's `mergeIndex`), so the first answer's cost does not grow
 * with the archive; a part whose pages did not change
 * (or only a few did: `recent-changes.ts`) is reused from the cache; and CI can build parts
 * on separate machines because a part is just a span of time.
 *
 * Parts never overlap and are ordered by time, so a page belongs to exactly one part, found
 * from its year and month (`partHolds`): the search page relies on that to keep newest-first
 * order across parts (a result's part is named in its page id, `partLanguage`), and to name
 * the span a first answer covers (`spanLabel`). A year is split only when it must be: the
 * generated 100,000-article archive has about 4,500 seed-length articles (about 20 million
 * characters) a year, which Pagefind indexed at 5.6 GB in one part. The one exception to
 * "one part per page" is the recent-changes part, whose pages the manifest lists with the
 * part they belong to and the sort score that part would give them (`RecentManifest`).
 */
import type { TitleLookupInfo } from './title-lookup.ts';
import { MAX_LOOKUP_PARTS, type WordPartsInfo } from './word-parts.ts';

export interface SearchShard {
  /**
   * `2024`, `2022-2023`, or for months of one year `2008m07-2008m12` (`2008m07` for one
   * month): the folder name of a part that is not the first, and its language subtags.
   */
  name: string;
  /** Newest first; a single year when `months` is set. */
  years: number[];
  /** Set only on a part that holds some months of a year too big for one part: its first and last month, 1–12. */
  months?: [first: number, last: number] | undefined;
  pages: number;
}

/** The years and months a part covers (`SearchShard` without its name and size). */
export type PartSpan = Pick<SearchShard, 'years' | 'months'>;

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
   * Every page of this part by its id: the name of the part it belongs to, and its
   * newest-first sort score as if it were in that part (Pagefind scores a sorted result by
   * its position in its own part's order, so the engine compares this with the scores of
   * that part's results).
   */
  pages: Record<string, [part: string, sortScore: number]>;
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

const pad2 = (value: number) => String(value).padStart(2, '0');

/** A part's name (`SearchShard.name`) from its span. */
export function partName(span: PartSpan): string {
  if (!span.months) return yearSpan(span.years);
  const year = span.years[0] ?? 0;
  const [first, last] = span.months;
  return first === last ? `${year}m${pad2(first)}` : `${year}m${pad2(first)}-${year}m${pad2(last)}`;
}

/** Whether a page of `year` and `month` (1–12) belongs to the part. */
export function partHolds(span: PartSpan, year: number, month: number): boolean {
  if (!span.years.includes(year)) return false;
  return !span.months || (month >= span.months[0] && month <= span.months[1]);
}

/** Whether every page `inner` could hold, `outer` holds too. */
export function spanWithin(inner: PartSpan, outer: PartSpan): boolean {
  return inner.years.every((year) => {
    if (!outer.years.includes(year)) return false;
    if (!outer.months) return true;
    return inner.months !== undefined && inner.months[0] >= outer.months[0] && inner.months[1] <= outer.months[1];
  });
}

/**
 * The month (1–12) a page sorts under, from its `date` sort key (ISO 8601 in the site's time
 * zone, as its year filter is: `page-attributes.ts`); 1 for a page without one.
 */
export function monthOfDateKey(date: string): number {
  const month = Number(date.slice(5, 7));
  return /^\d{4}-\d{2}/.test(date) && month >= 1 && month <= 12 ? month : 1;
}

/**
 * How the search surfaces name the span of some parts (those a first answer covers):
 * `2025–2026 年`, `2026 年`, or with months `2008 年 7–12 月`, `2007 年 1 月–2008 年 6 月`.
 * Empty for none.
 */
export function spanLabel(spans: readonly PartSpan[]): string {
  const ends = spans.flatMap((span) => {
    const year = Math.min(...span.years);
    const newest = Math.max(...span.years);
    return [year * 12 + (span.months?.[0] ?? 1) - 1, newest * 12 + (span.months?.[1] ?? 12) - 1];
  });
  if (ends.length === 0) return '';
  const from = Math.min(...ends);
  const to = Math.max(...ends);
  const [fromYear, fromMonth] = [Math.floor(from / 12), (from % 12) + 1];
  const [toYear, toMonth] = [Math.floor(to / 12), (to % 12) + 1];
  if (fromMonth === 1 && toMonth === 12) return `${yearSpan([toYear, fromYear], '–')} 年`;
  if (fromYear === toYear) return `${fromYear} 年 ${fromMonth === toMonth ? fromMonth : `${fromMonth}–${toMonth}`} 月`;
  return `${fromYear} 年 ${fromMonth} 月–${toYear} 年 ${toMonth} 月`;
}

/** What some articles weigh in a part: their pages, and their text. */
export interface PeriodSize {
  pages: number;
  /** Characters of the articles' titles and bodies as written (`publishedPerYear`); 0 when unknown. */
  text: number;
}

/** What one year of articles weighs, with its months when known: a year too big for one part is split by them. */
export interface YearSize extends PeriodSize {
  /** By month, 1–12; absent: the year is never split. */
  months?: ReadonlyMap<number, PeriodSize> | undefined;
}

/** The most one part holds, unless a single month alone is more. */
export interface PartLimits {
  pages: number;
  /** Characters of article text (`YearSize.text`). */
  text: number;
}

/**
 * The most parts an archive is indexed in. A complete search loads every part's metadata and
 * a chunk of each part per word, so every part costs each reader; and the word-parts lookup
 * (`word-parts.ts`), which sends a first search to the part that holds its words, names at
 * most this many.
 */
export const MAX_PARTS = MAX_LOOKUP_PARTS;

/**
 * The limits an archive's parts are planned with: `limits`, or when they would make more
 * than `MAX_PARTS` parts, both raised by a quarter at a time until they do not. Planned from
 * the whole archive's sizes (a sharded build's pages are only some of them), so every build
 * of one archive plans the same parts. The generated 100,000-article archive (about 20
 * million characters of text a year) would make a part a month or more at the default 3
 * million characters; raised to 11.4 million, it makes 44, two a year, which Pagefind
 * indexed at up to 3.3 GB each.
 */
export function partLimitsFor(sizeByYear: ReadonlyMap<number, YearSize>, limits: PartLimits): PartLimits {
  let raised = limits;
  while (planShards(sizeByYear, raised).length > MAX_PARTS) raised = { pages: Math.ceil(raised.pages * 1.25), text: Math.ceil(raised.text * 1.25) };
  return raised;
}

/**
 * Groups years into parts of whole years, each holding at most `limits.pages` pages and
 * `limits.text` characters of article text, and returns them newest first. Both limits,
 * because Pagefind's memory follows the text it indexes at once, not the page count (xwlb's
 * 8,127 pages of 4.3 million characters peaked at 2.15 GB, its 5,218 pages of 2.6 million at
 * 1.40 GB). A year bigger than a part alone is split into runs of its months by the same
 * rule (a month bigger than a part stays whole). Filled from the oldest, so a part once full
 * never changes again: new articles only grow the newest part, and when it is full the next
 * year (or month) starts a new one.
 */
export function planShards(sizeByYear: ReadonlyMap<number, YearSize>, limits: PartLimits): SearchShard[] {
  if (!(limits.pages >= 1)) throw new RangeError(`the most pages a search index part holds (searchShardPages in src/site.config.ts, or ANNALS_SEARCH_SHARD_PAGES) must be a number of at least 1 page, got ${limits.pages}`);
  if (!(limits.text >= 1)) throw new RangeError(`the most text a search index part holds (searchPartText in src/site.config.ts, or ANNALS_SEARCH_PART_TEXT) must be a number of at least 1 character, got ${limits.text}`);
  const oldestFirst = [...sizeByYear.keys()].sort((a, b) => a - b);
  const shards: SearchShard[] = [];
  const tooBig = (size: PeriodSize) => size.pages > limits.pages || size.text > limits.text;
  let current: { years: number[]; months?: [number, number]; pages: number; text: number } | undefined;
  const close = () => {
    if (!current) return;
    const span: PartSpan = { years: [...current.years].reverse(), ...(current.months ? { months: current.months } : {}) };
    shards.unshift({ name: partName(span), ...span, pages: current.pages });
    current = undefined;
  };
  for (const year of oldestFirst) {
    const size = sizeByYear.get(year) ?? { pages: 0, text: 0 };
    if (size.months && size.months.size > 1 && tooBig(size)) {
      close();
      for (const month of [...size.months.keys()].sort((a, b) => a - b)) {
        const { pages, text } = size.months.get(month) ?? { pages: 0, text: 0 };
        if (current && tooBig({ pages: current.pages + pages, text: current.text + text })) close();
        current ??= { years: [year], months: [month, month], pages: 0, text: 0 };
        current.months = [current.months?.[0] ?? month, month];
        current.pages += pages;
        current.text += text;
      }
      close();
      continue;
    }
    if (current && tooBig({ pages: current.pages + size.pages, text: current.text + size.text })) close();
    current ??= { years: [], pages: 0, text: 0 };
    current.years.push(year);
    current.pages += size.pages;
    current.text += size.text;
  }
  close();
  return shards;
}

export function shardManifest(shards: readonly SearchShard[], recent?: RecentManifest): ShardManifest {
  return { merge: shards.slice(1).map((shard) => `${SHARD_FOLDER}/${shard.name}/`), shards: [...shards], ...(recent ? { recent } : {}) };
}

/**
 * The language tag a part is indexed under: the site's locale with the part's name as
 * private-use subtags (`zh-CN-x-2022-2023`, `zh-CN-x-2008m07-2008m12`). Pagefind names each
 * page after it (`zh-cn-x-2022-2023_…`), so a result's id says which part it came from
 * (`partOfPageId`).
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
 * The place in `parts` (newest first) of the part a page id of Pagefind's comes from, by the
 * language it was indexed under (`partLanguage`); undefined for another (the recent part's).
 */
export function partOfPageId(parts: readonly Pick<SearchShard, 'name'>[], id: string): number | undefined {
  // Its last subtags are the part's name; parts never overlap, so no other part's name ends it.
  const language = id.slice(0, id.lastIndexOf('_')).toLowerCase();
  const at = parts.findIndex((part) => language.endsWith(`-${part.name.toLowerCase()}`));
  return at < 0 ? undefined : at;
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
