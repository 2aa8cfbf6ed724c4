/**
 * A small in-memory stand-in for Pagefind's browser API, with the behaviours the engine
 * depends on: loose search (every term must match, by prefix, with the positions of all
 * matched words), exact mode ("…", consecutive words, one position reported), and the
 * fallback of a loose term missing from the index to the longest indexed word that is a
 * prefix of it. Pages are written the way the indexer writes them (`toIndexText`), with a
 * position left free after each block, as Pagefind leaves one.
 */
import { toIndexText } from '../../../src/lib/search/cjk.ts';
import type { PagefindApi } from '../../../src/lib/search/engine.ts';

export interface FakePage {
  url: string;
  title: string;
  blocks: string[];
}

interface Indexed {
  id: string;
  page: FakePage;
  words: string[];
  content: string;
}

export function fakePagefind(pages: readonly FakePage[]): PagefindApi {
  const indexed: Indexed[] = pages.map((page, i) => {
    const blocks = [page.title, ...page.blocks].map((block) => toIndexText(block).split(' '));
    return {
      id: `page-${i}`,
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
  const result = (entry: Indexed, words: number[]) => ({
    id: entry.id,
    score: words.length,
    words,
    data: async () => ({
      url: entry.page.url,
      content: entry.content,
      meta: { title: entry.page.title },
    }),
  });
  return {
    options: async () => {},
    mergeIndex: async () => {},
    filters: async () => ({}),
    search: async (term) => {
      const exact = term !== null && term.startsWith('"');
      const terms = (term ?? '').replace(/"/g, '').split(' ').filter(Boolean);
      const results = [];
      for (const entry of indexed) {
        if (exact) {
          const start = entry.words.findIndex((_, at) => terms.every((t, i) => entry.words[at + i] === t));
          if (start >= 0) results.push(result(entry, [start]));
          continue;
        }
        const matched = terms.map((t) => {
          const matches = matcher(t);
          return entry.words.flatMap((word, at) => (word && matches(word) ? [at] : []));
        });
        if (matched.every((positions) => positions.length > 0)) results.push(result(entry, [...new Set(matched.flat())].sort((a, b) => a - b)));
      }
      results.sort((a, b) => b.score - a.score);
      return { results, filters: {}, totalFilters: {} };
    },
  };
}
