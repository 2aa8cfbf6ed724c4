/**
 * What the search surfaces (the search page, the header's panel) share about a search that
 * answers in stages (`SearchStages` in `engine.ts`): pages titled exactly as the query are
 * drawn from the title lookup, the newest part's hits below them as soon as they are
 * verified, the complete answer adds to them without moving them, and performance marks
 * time what a reader sees.
 */
import type { SearchEngine, SearchHit, SearchOutcome } from './engine.ts';
import { hasFilters, type SearchState } from './url-state.ts';

/** Where a search's results are shown. */
export type SearchSurface = 'page' | 'panel';

/**
 * Marks `annals:results-shown` (the first results, or the empty state, are on screen) or
 * `annals:results-complete` (the whole archive has answered) with the surface and query as
 * detail, so a benchmark reads the time a reader waited from the page itself.
 */
export function markResults(stage: 'shown' | 'complete', surface: SearchSurface, query: string): void {
  performance.mark(`annals:results-${stage}`, { detail: { surface, query } });
}

/** An answer drawn before the complete one. */
export type EarlyAnswer =
  /** Pages whose whole title is the query (`SearchEngine.titleHits`), before Pagefind has loaded. */
  | { kind: 'title' }
  /** The newest index parts' answer (`SearchStages.onNewest`), while the older parts are still loading. */
  | { kind: 'newest'; outcome: SearchOutcome };

export interface StagedSearch {
  surface: SearchSurface;
  state: SearchState;
  /** How many hits to draw. */
  count: number;
  /** Whether the engine may reorder the drawn hits by title (`SearchEngine.hits`). */
  rerank: boolean;
  /** Whether the complete answer counts facets (`SearchStages.facets`). */
  facets: boolean;
  /** True once a newer search has replaced this one: nothing more is drawn. */
  isStale(): boolean;
  /**
   * Draws hits found early (never called with none): as the list when `below` is false,
   * else appended below what an earlier stage drew.
   */
  showEarly(hits: SearchHit[], answer: EarlyAnswer, below: boolean): void;
  /**
   * Draws the complete answer: `added` are the hits after those the early stages drew, to
   * be appended below them; undefined when the whole list is to be drawn from `hits`.
   */
  showComplete(hits: SearchHit[], outcome: SearchOutcome, added: SearchHit[] | undefined): void;
}

/**
 * Runs one search in stages and draws it through the surface's callbacks, with the marks.
 * The title lookup answers first only where its pages lead the final order too: in
 * relevance order over the whole archive, where a page titled exactly as the query ranks
 * first (`SearchEngine.hits`); a filtered or newest-first search waits for Pagefind.
 */
export async function searchInStages(engine: SearchEngine, search: StagedSearch): Promise<void> {
  const { surface, state, count, rerank, isStale } = search;
  let drawn = 0;
  const draw = (hits: SearchHit[], answer: EarlyAnswer) => {
    search.showEarly(hits, answer, drawn > 0);
    if (drawn === 0) markResults('shown', surface, state.q);
    drawn += hits.length;
    return hits.map((hit) => hit.id);
  };
  const leading =
    state.sort === 'relevance' && !hasFilters(state)
      ? engine.titleHits(state.q, count).then((hits) => (isStale() || hits.length === 0 ? [] : draw(hits, { kind: 'title' })))
      : [];
  const outcome = await engine.search(state, {
    facets: search.facets,
    leading,
    onNewest: async (newest) => {
      const room = count - drawn;
      const hits = isStale() || room <= 0 ? [] : await engine.hits(newest, 0, room, rerank);
      return isStale() || hits.length === 0 ? [] : draw(hits, { kind: 'newest', outcome: newest });
    },
  });
  if (isStale()) return;
  const hits = await engine.hits(outcome, 0, count, rerank);
  if (isStale()) return;
  // What was drawn early stays; a page the complete answer lacks (pinned short of drawn) is
  // not taken away from under the reader either.
  search.showComplete(hits, outcome, drawn > 0 ? hits.slice(outcome.pinned) : undefined);
  if (drawn === 0) markResults('shown', surface, state.q);
  markResults('complete', surface, state.q);
}
