/**
 * A small in-memory stand-in for Pagefind's browser API, with the behaviours the engine
 * depends on: loose search (every term must match, by prefix, with the positions of all
 * matched words), exact mode ("…", consecutive words, one position reported), and the
 * fallback of a loose term missing from the index to the longest indexed word that is a
 * prefix of it; filters (every selected value must be on the page) with their counts over
 * the results, and over the whole index from `filters()`. Pages are written the way the
 * indexer writes them (`toIndexText`), with a position left free after each block, as
 * Pagefind leaves one. `searches` records every search and `fragmentLoads` counts each
 * page's fragment loads, for tests about what is asked.
 *
 * `olderParts` are index parts the engine merges by path (`mergeIndex`): until then a search
 * covers the first part (`/pagefind/`) alone, as Pagefind's does. Like Pagefind, it opens
 * the part at `options({ basePath })` instead when given one before the first search, and
 * a merge path is resolved as the browser resolves URLs (`/pagefind/./` is `/pagefind/`),
 * after Pagefind's own check, which skips a path the opened part's folder starts with.
 * `calls` records the order of the engine's `options` with a base path, `mergeIndex`,
 * `filters` and search calls.
 *
 * Page ids are shaped as Pagefind's, `<language>_<hash>`, the language naming the part as the
 * indexer's does (`partLanguage`): `zh-cn-x-2017_page-3` for the fourth page, in the part
 * at `/pagefind/shards/2017/`; the first part's name is `firstPartName`. A newest-first
 * search (`sort: { date: 'desc' }`) scores a page by its place in its own part's order of
 * the `date` sort keys (0 the oldest), so parts come back interleaved, as Pagefind's do.
 */
import { toIndexText } from '../../../src/lib/search/cjk.ts';
import type { FilterCounts, PagefindApi } from '../../../src/lib/search/engine.ts';

/** Where the first part lives, as the engine's tests pass Pagefind's module URL. */
const FIRST_PART = '/pagefind/';

export interface FakePage {
  url: string;
  title: string;
  blocks: string[];
  filters?: Record<string, string[]>;
  /** Its `date` sort key (`data-pagefind-sort`). */
  date?: string;
}

interface Indexed {
  id: string;
  page: FakePage;
  words: string[];
  content: string;
}

function countFilters(pages: readonly FakePage[]): FilterCounts {
  const counts: FilterCounts = {};
  for (const page of pages) {
    for (const [key, values] of Object.entries(page.filters ?? {})) {
      for (const value of values) (counts[key] ??= {})[value] = (counts[key]?.[value] ?? 0) + 1;
    }
  }
  return counts;
}

/** One search the engine made: its term (null for filters alone) and selected filters. */
export interface FakeSearch {
  term: string | null;
  filters: Record<string, string[]>;
}

export function fakePagefind(
  firstPart: readonly FakePage[],
  olderParts: Readonly<Record<string, readonly FakePage[]>> = {},
  firstPartName = 'first',
): PagefindApi & { searches: FakeSearch[]; fragmentLoads: Map<string, number>; calls: string[] } {
  const searches: FakeSearch[] = [];
  const calls: string[] = [];
  const fragmentLoads = new Map<string, number>();
  const merged = new Set<string>();
  let opened = FIRST_PART;
  const allPages = [firstPart, ...Object.values(olderParts)].flat();
  const partOf = new Map([...firstPart.map((page) => [page, FIRST_PART] as const), ...Object.entries(olderParts).flatMap(([path, pages]) => pages.map((page) => [page, path] as const))]);
  const partName = (path: string) => (path === FIRST_PART ? firstPartName : path.split('/').filter(Boolean).pop() ?? '');
  const indexed: Indexed[] = allPages.map((page, i) => {
    const blocks = [page.title, ...page.blocks].map((block) => toIndexText(block).split(' '));
    return {
      id: `zh-cn-x-${partName(partOf.get(page) ?? FIRST_PART)}_page-${i}`,
      page,
      words: blocks.flatMap((words) => [...words, '']),
      content: blocks.map((words) => `${words.join(' ')}.`).join(' '),
    };
  });
  const vocabulary = new Set(indexed.flatMap((entry) => entry.words).filter(Boolean));
  const matcher = (term: string): ((word: string) => boolean) => {
    if ([...vocabulary].some((word) => word.startsWith(term))) return (word) => word.startsWith(term);
    const fallback = [...vocabulary].filter((word) => term.startsWith(word)).sort((a, b) => b.length - a.length)[0];
    return (word) => fallback !== undefined && word === fallback;
  };
  /** A page's place in its part's order of date sort keys, 0 the oldest (Pagefind's sorted score). */
  const datePlace = (entry: Indexed) => {
    const path = partOf.get(entry.page);
    const dates = allPages.filter((page) => partOf.get(page) === path && page.date !== undefined).map((page) => page.date ?? '').sort();
    return dates.indexOf(entry.page.date ?? '');
  };
  const result = (entry: Indexed, words: number[], sorted: boolean) => ({
    id: entry.id,
    score: sorted ? datePlace(entry) : words.length,
    words,
    data: async () => {
      fragmentLoads.set(entry.page.url, (fragmentLoads.get(entry.page.url) ?? 0) + 1);
      return { url: entry.page.url, content: entry.content, meta: { title: entry.page.title }, filters: entry.page.filters ?? {} };
    },
  });
  const loaded = (page: FakePage) => {
    const path = partOf.get(page) ?? FIRST_PART;
    return path === opened || merged.has(path);
  };
  return {
    searches,
    fragmentLoads,
    calls,
    options: async (options) => {
      const basePath = options['basePath'];
      if (typeof basePath !== 'string') return;
      if (searches.length > 0) throw new Error('Pagefind opens its first part before the first search');
      if (!(basePath in olderParts)) throw new Error(`no index part at ${basePath}`);
      calls.push(`open ${basePath}`);
      opened = basePath;
    },
    mergeIndex: async (path) => {
      calls.push(`mergeIndex ${path}`);
      // Pagefind 1.6 skips, with a warning, a path its opened part's folder starts with.
      if (opened.startsWith(path)) return;
      const resolved = new URL(path, 'http://site').pathname;
      if (resolved !== FIRST_PART && !(resolved in olderParts)) throw new Error(`no index part at ${path}`);
      if (resolved === opened || merged.has(resolved)) throw new Error(`${path} is merged twice`);
      merged.add(resolved);
    },
    filters: async () => {
      calls.push('filters');
      return countFilters(allPages.filter(loaded));
    },
    search: async (term, options) => {
      const selected = options?.filters ?? {};
      searches.push({ term, filters: selected });
      calls.push('search');
      const exact = term !== null && term.startsWith('"');
      const sorted = options?.sort?.['date'] === 'desc';
      const terms = (term ?? '').replace(/"/g, '').split(' ').filter(Boolean);
      const results = [];
      for (const entry of indexed) {
        if (!loaded(entry.page)) continue;
        if (!Object.entries(selected).every(([key, values]) => values.every((value) => entry.page.filters?.[key]?.includes(value)))) continue;
        if (exact) {
          const start = entry.words.findIndex((_, at) => terms.every((t, i) => entry.words[at + i] === t));
          if (start >= 0) results.push(result(entry, [start], sorted));
          continue;
        }
        const matched = terms.map((t) => {
          const matches = matcher(t);
          return entry.words.flatMap((word, at) => (word && matches(word) ? [at] : []));
        });
        if (matched.every((positions) => positions.length > 0)) results.push(result(entry, [...new Set(matched.flat())].sort((a, b) => a - b), sorted));
      }
      results.sort((a, b) => b.score - a.score);
      const found = new Set(results.map((found) => found.id));
      return { results, filters: countFilters(indexed.filter((entry) => found.has(entry.id)).map((entry) => entry.page)), totalFilters: countFilters(allPages.filter(loaded)) };
    },
  };
}
