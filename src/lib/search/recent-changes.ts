/**
 * Which index parts a rebuild keeps as they were, and which pages go to the small
 * recent-changes part instead (issue 15, "Publish in seconds").
 *
 * Re-indexing a whole part for one new or corrected article took 18–26 s on xwlb (a part
 * of 6,500–8,100 pages). When a part's pages differ from a cached build of that part by
 * only a few (added, changed or removed), the cached build is kept as it is: its changed
 * and removed pages' ids are listed as stale (the browser drops them from every answer),
 * and the added and changed pages are indexed into one small extra part with those of
 * every other kept part. When a part has too many changes (`recentLimit`), or has no
 * cached build, it is indexed whole, and its recent pages fold back into it.
 *
 * Framework-free and without I/O: the indexer (`indexer.ts`) reads and writes the cache.
 */
import { spanWithin, type PartSpan } from './shards.ts';

/** A page of a part as this build has it. */
export interface PartPage {
  url: string;
  /** The SHA-256 of its search document (under the site's language). */
  hash: string;
  /** Its `date` sort key, or '' when it has none. */
  date: string;
}

/** A page as a cached build of a part indexed it. */
export interface IndexedPage {
  hash: string;
  /** Pagefind's page id in that build (`<language>_<hash>`), from its fragment. */
  id: string;
  date: string;
}

/** A cached build of a part: its name, the years (and months) it covered and every page in it, by URL. */
export interface IndexedPart extends PartSpan {
  name: string;
  pages: Record<string, IndexedPage>;
}

/**
 * How many changed pages a kept part may have: 2% of its pages, at least 1 and at most 500.
 *
 * Why: the recent part is indexed again whenever any of its pages changes, and the
 * browser loads it with the first part it opens, for the first answer, so it must stay small.
 * Measured with xwlb documents on a loaded machine (load 10–16, docs/sharded-builds.md):
 * Pagefind's command line took 0.03 s for 1 page, 0.65 s for 100, 5.2 s for 500 and 28 s
 * for 2,000, against 102 s for the whole 8,127-page newest part in the same conditions;
 * so up to 500 pages the recent part costs a twentieth of a part or less, and 2% of the
 * newest part (162 pages, a few weeks of a busy newsroom's news) about a second, before
 * that part is indexed whole once and its pages leave the recent part.
 */
export function recentLimit(partPages: number): number {
  return Math.max(1, Math.min(500, Math.floor(partPages * 0.02)));
}

/** What to do with one part. */
export type PartPlan<P extends PartPage = PartPage> =
  /** Index the part's pages whole (no cached build to keep, or too many changes). */
  | { kind: 'index'; changes: number | undefined }
  /**
   * Keep the cached build `base` as it is; index `recent` (added and changed pages) into
   * the recent part; drop `stale` (ids of its changed and removed pages) from answers.
   * With none of either, the part is exactly its cached build.
   */
  | { kind: 'keep'; base: string; recent: P[]; stale: string[] };

/**
 * Plans one part (`span`, `pages` as this build has them) against the cached builds in
 * `candidates` (by cache folder). A candidate qualifies when the part holds its whole span
 * (the part grew by a new year or month, or is the same part); of those, the one with the
 * fewest changed pages is kept when they are at most `limit(its pages)`.
 */
export function planPart<P extends PartPage>(span: PartSpan, pages: readonly P[], candidates: ReadonlyMap<string, IndexedPart>, limit: (partPages: number) => number = recentLimit): PartPlan<P> {
  let best: { base: string; basePages: number; recent: P[]; stale: string[]; changes: number } | undefined;
  for (const [base, part] of candidates) {
    if (!spanWithin(part, span)) continue;
    const recent: P[] = [];
    const stale: string[] = [];
    const current = new Set<string>();
    let changes = 0;
    for (const page of pages) {
      current.add(page.url);
      const indexed = part.pages[page.url];
      if (indexed?.hash === page.hash) continue;
      changes++; // added, or changed: then both recent and stale, and one change
      recent.push(page);
      if (indexed) stale.push(indexed.id);
    }
    for (const [url, indexed] of Object.entries(part.pages)) {
      if (current.has(url)) continue;
      changes++; // removed
      stale.push(indexed.id);
    }
    if (!best || changes < best.changes) best = { base, basePages: Object.keys(part.pages).length, recent, stale: stale.sort(), changes };
  }
  if (!best) return { kind: 'index', changes: undefined };
  return best.changes <= limit(best.basePages) ? { kind: 'keep', base: best.base, recent: best.recent, stale: best.stale } : { kind: 'index', changes: best.changes };
}

/**
 * The score a page dated `date` would have, in a newest-first search, among the pages of
 * a part whose `date` sort keys are `partDates` (sorted, as `sortedDates` gives them).
 *
 * Why: Pagefind scores a sorted result by its position in its own part's order of all
 * pages with the key (0 the oldest), so results of different parts cannot be compared by
 * score. A recent page gets the position it would have had in its own part, just after
 * every page dated the same or earlier; the engine orders that part's results by it.
 * Keys compare as strings: they are ISO 8601 dates of one shape, as Pagefind orders them
 * (a date alone before the same day with a time). Pages with the same key have no order of
 * their own: Pagefind keeps its internal page order among them (neither URL nor file order,
 * tried), which no rebuild can reproduce, so a recent page goes after them; a day's
 * date-only articles may then list in another order than a cold build's.
 */
export function sortScoreAmong(partDates: readonly string[], date: string): number {
  let low = 0;
  let high = partDates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((partDates[middle] ?? '') <= date) low = middle + 1;
    else high = middle;
  }
  return low - 0.5;
}

/** The `date` sort keys of a part's pages that have one, sorted as `sortScoreAmong` reads them. */
export function sortedDates(part: IndexedPart): string[] {
  return Object.values(part.pages)
    .map((page) => page.date)
    .filter((date) => date !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
