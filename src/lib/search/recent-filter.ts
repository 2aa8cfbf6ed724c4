/**
 * The browser's side of the recent-changes part (`recent-changes.ts`, `RecentManifest`):
 * which page ids an answer must leave out, and where a recent page sorts newest-first.
 * Framework-free; the engine (`engine.ts`) applies it to every answer.
 *
 * A kept index part still holds the old version of a page that changed since it was
 * indexed, and pages removed since: their ids are stale and never shown or counted. Until
 * every part is merged, an answer covers the merged parts' years only, so a recent page of
 * another year (a corrected old article) waits for the complete answer too.
 */
import type { RecentManifest } from './shards.ts';

export class RecentChanges {
  #stale: ReadonlySet<string>;
  /** Each recent page's year, by id. */
  #years: ReadonlyMap<string, number>;
  #sortScores: ReadonlyMap<string, number>;

  constructor(recent: RecentManifest | undefined) {
    this.#stale = new Set(recent?.stale ?? []);
    const pages = Object.entries(recent?.pages ?? {});
    this.#years = new Map(pages.map(([id, [year]]) => [id, year]));
    this.#sortScores = new Map(pages.map(([id, [, sortScore]]) => [id, sortScore]));
  }

  /**
   * The results an answer may show: none stale, and, while only some parts are merged
   * (`coveredYears`, their years), no recent page of another year. `coveredYears`
   * undefined: every part is merged.
   */
  visible<R extends { id: string }>(results: R[], coveredYears: ReadonlySet<number> | undefined): R[] {
    const hidden = (id: string) => this.#stale.has(id) || (coveredYears !== undefined && this.#years.has(id) && !coveredYears.has(this.#years.get(id) ?? 0));
    return this.#stale.size === 0 && (coveredYears === undefined || this.#years.size === 0) ? results : results.filter((result) => !hidden(result.id));
  }

  /**
   * A result's newest-first score, comparable with the other results of its year: Pagefind's
   * own for a page of a year's part, the one its year's part would give it for a recent page.
   */
  sortScore(result: { id: string; score: number }): number {
    return this.#sortScores.get(result.id) ?? result.score;
  }
}
