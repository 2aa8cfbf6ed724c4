/**
 * The browser's side of the recent-changes part (`recent-changes.ts`, `RecentManifest`):
 * which page ids an answer must leave out, and where a recent page sorts newest-first.
 * Framework-free; the engine (`engine.ts`) applies it to every answer.
 *
 * A kept index part still holds the old version of a page that changed since it was
 * indexed, and pages removed since: their ids are stale and never shown or counted. Until
 * the older parts are merged, an answer covers the newest part's years only, so a recent
 * page of an older year (a corrected old article) waits for the complete answer too.
 */
import type { RecentManifest } from './shards.ts';

export class RecentChanges {
  #stale: ReadonlySet<string>;
  /** Stale ids, and the recent pages outside the newest part's years. */
  #hiddenBeforeOlder: ReadonlySet<string>;
  #sortScores: ReadonlyMap<string, number>;

  constructor(recent: RecentManifest | undefined, newestYears: readonly number[] | undefined) {
    this.#stale = new Set(recent?.stale ?? []);
    const pages = Object.entries(recent?.pages ?? {});
    const newest = new Set(newestYears ?? []);
    this.#hiddenBeforeOlder = new Set([...this.#stale, ...pages.filter(([, [year]]) => !newest.has(year)).map(([id]) => id)]);
    this.#sortScores = new Map(pages.map(([id, [, sortScore]]) => [id, sortScore]));
  }

  /** The results an answer may show: none stale, and before `olderMerged` none of an older year. */
  visible<R extends { id: string }>(results: R[], olderMerged: boolean): R[] {
    const hidden = olderMerged ? this.#stale : this.#hiddenBeforeOlder;
    return hidden.size === 0 ? results : results.filter((result) => !hidden.has(result.id));
  }

  /**
   * A result's newest-first score, comparable with the other results of its year: Pagefind's
   * own for a page of a year's part, the one its year's part would give it for a recent page.
   */
  sortScore(result: { id: string; score: number }): number {
    return this.#sortScores.get(result.id) ?? result.score;
  }
}
