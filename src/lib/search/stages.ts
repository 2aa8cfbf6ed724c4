/**
 * What the search surfaces (the search page, the header's panel) share about a search that
 * answers in stages (`SearchStages` in `engine.ts`): how they name the newest part's years,
 * and the performance marks that time what a reader sees.
 */

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
export function newestYearsLabel(years: readonly number[] | undefined): string {
  if (!years || years.length === 0) return '';
  const newest = Math.max(...years);
  const oldest = Math.min(...years);
  return newest === oldest ? String(newest) : `${oldest}–${newest}`;
}
