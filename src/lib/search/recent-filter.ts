/**
 * The browser's side of the recent-changes part (`recent-changes.ts`, `RecentManifest`):
 * which page ids an answer must leave out, and where a recent page sorts newest-first.
 * Framework-free; the engine (`engine.ts`) applies it to every answer.
 *
 * A kept index part still holds the old version of a page that changed since it was
 * indexed, and pages removed since: their ids are stale and never shown or counted. Until
 * every part is merged, an answer covers the merged parts only, so a recent page that
 * belongs to another part (a corrected old article) waits for the complete answer too.
 */
import type { RecentManifest } from './shards.ts';

export class RecentChanges {
  #stale: ReadonlySet<string>;
  /** The part each recent page belongs to, by id. */
  #parts: ReadonlyMap<string, string>;
  #sortScores: ReadonlyMap<string, number>;

  constructor(recent: RecentManifest | undefined) {
    this.#stale = new Set(recent?.stale ?? []);
    const pages = Object.entries(recent?.pages ?? {});
    this.#parts = new Map(pages.map(([id, [part]]) => [id, part]));
    this.#sortScores = new Map(pages.map(([id, [, sortScore]]) => [id, sortScore]));
  }

  /**
   * The results an answer may show: none stale, and, while only some parts are merged
   * (`mergedParts`, their names), no recent page of another part. `mergedParts`
   * undefined: every part is merged.
   */
  visible<R extends { id: string }>(results: R[], mergedParts: ReadonlySet<string> | undefined): R[] {
    const hidden = (id: string) => {
      if (this.#stale.has(id)) return true;
      const part = this.#parts.get(id);
      return mergedParts !== undefined && part !== undefined && !mergedParts.has(part);
    };
    return this.#stale.size === 0 && (mergedParts === undefined || this.#parts.size === 0) ? results : results.filter((result) => !hidden(result.id));
  }

  /** The part a recent page belongs to, by name; undefined for any other page. */
  partOf(id: string): string | undefined {
    return this.#parts.get(id);
  }

  /**
   * A result's newest-first score, comparable with the other results of its part: Pagefind's
   * own for a page of that part, the one that part would give it for a recent page.
   */
  sortScore(result: { id: string; score: number }): number {
    return this.#sortScores.get(result.id) ?? result.score;
  }
}
