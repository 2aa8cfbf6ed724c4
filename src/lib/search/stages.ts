/**
 * What the search surfaces (the search page, the header's panel) share about a search that
 * answers in stages (`SearchStages` in `engine.ts`): the newest part's hits are drawn as
 * soon as they are verified, the complete answer adds to them without moving them, and
 * performance marks time what a reader sees.
 */
import type { SearchEngine, SearchHit, SearchOutcome } from './engine.ts';
import { yearSpan } from './shards.ts';
import type { SearchState } from './url-state.ts';

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

/** `2025–2026` for the years of the newest index part (newest first), `2026` for one. */
export const newestYearsLabel = (years: readonly number[] | undefined): string => (years && years.length > 0 ? yearSpan(years, '–') : '');

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
  /** Draws the newest part's hits (never called with none). */
  showNewest(hits: SearchHit[], newest: SearchOutcome): void;
  /**
   * Draws the complete answer: `added` are the hits after those `showNewest` drew, to be
   * appended below them; undefined when the whole list is to be drawn from `hits`.
   */
  showComplete(hits: SearchHit[], outcome: SearchOutcome, added: SearchHit[] | undefined): void;
}

/** Runs one search in stages and draws it through the surface's callbacks, with the marks. */
export async function searchInStages(engine: SearchEngine, search: StagedSearch): Promise<void> {
  const { surface, state, count, rerank, isStale } = search;
  let shownEarly = false;
  const outcome = await engine.search(state, {
    facets: search.facets,
    onNewest: async (newest) => {
      const hits = isStale() ? [] : await engine.hits(newest, 0, count, rerank);
      if (isStale() || hits.length === 0) return [];
      search.showNewest(hits, newest);
      shownEarly = true;
      markResults('shown', surface, state.q);
      return hits.map((hit) => hit.id);
    },
  });
  if (isStale()) return;
  const hits = await engine.hits(outcome, 0, count, rerank);
  if (isStale()) return;
  search.showComplete(hits, outcome, shownEarly && outcome.pinned > 0 ? hits.slice(outcome.pinned) : undefined);
  if (!shownEarly) markResults('shown', surface, state.q);
  markResults('complete', surface, state.q);
}
