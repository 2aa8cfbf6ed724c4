/**
 * Parts of the search index indexed while `astro build` is still rendering pages (Node only).
 *
 * Why: Astro renders on one core and Pagefind's command line indexes on about 1.3, one after
 * the other, so a cold build left a core idle for most of a minute (xwlb: 48 s of pages, then
 * 58 s of parts). Astro renders the article pages newest first, so a part's pages are all
 * there long before the last page: each part is handed to Pagefind as soon as its last page
 * renders, one part at a time (memory stays that of one part), while Astro goes on.
 *
 * Every rendered page is fingerprinted here as the index step would (`fingerprintPage`), and
 * an article's document is written at once under its part's language. The index step
 * (`indexBuiltSite`) then takes a part from here only when it needs that part indexed and
 * the part holds exactly its pages with the same documents; anything else (a page rendered
 * differently than its file reads, a part whose pages never all rendered, Pagefind failing
 * here) is indexed there as before, where its errors are reported. Only parts with no cached
 * build of the same span are done here: a rebuild keeps those (`recent-changes.ts`).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CharFolder } from './fold.ts';
import { fingerprintPage, indexStagedPart, pageUrlOf, type EarlyIndex, type PageFingerprint, type PrebuiltPart } from './indexer.ts';
import { relabelDocument } from './page-record.ts';
import { pageIdsByUrl } from './part-files.ts';
import { monthOfDateKey, partHolds, partLanguage, type SearchShard } from './shards.ts';

/** `off` turns indexing while the pages render off: parts are then indexed after the pages, as the benchmark's comparison builds do. */
export const EARLY_INDEX_VARIABLE = 'ANNALS_EARLY_INDEX';

export const earlyIndexWanted = (env: NodeJS.ProcessEnv = process.env): boolean => env[EARLY_INDEX_VARIABLE] !== 'off';

interface StagedPart {
  shard: SearchShard;
  language: string;
  /** Its documents so far, by URL: their hash under the site's language. */
  pages: Map<string, string>;
  started: boolean;
}

export interface EarlyPartsOptions {
  /** The site's language: what fingerprints are taken under. */
  lang: string;
  fold: CharFolder;
  /** A folder of its own for documents and parts; on the cache's file system, parts are moved, not copied. */
  workDir: string;
}

export interface EarlyPartsResult extends EarlyIndex {
  /** Parts whose Pagefind run failed here, with why; the index step indexes them again. */
  failed: string[];
}

export class EarlyParts {
  readonly #options: EarlyPartsOptions;
  readonly #staged: StagedPart[] = [];
  readonly #fingerprints = new Map<string, PageFingerprint>();
  readonly #parts = new Map<string, PrebuiltPart>();
  readonly #failed: string[] = [];
  #queue: Promise<void> = Promise.resolve();
  /** Each part handed to Pagefind, in order, settled when its run ends. */
  readonly #runs: { name: string; done: Promise<void> }[] = [];

  /** `shards` as the index step will plan them; only these parts' pages are staged. */
  constructor(shards: readonly SearchShard[], options: EarlyPartsOptions) {
    this.#options = options;
    rmSync(options.workDir, { recursive: true, force: true });
    for (const shard of shards) this.#staged.push({ shard, language: partLanguage(options.lang, shard), pages: new Map(), started: false });
  }

  /** A page as Astro rendered it; `file` is its path under the build folder. */
  page(file: string, html: string): void {
    let made: ReturnType<typeof fingerprintPage>;
    try {
      made = fingerprintPage(file, html, this.#options.fold, this.#options.lang);
    } catch {
      return; // a page no part can hold: the index step names it
    }
    this.#fingerprints.set(file, made.fingerprint);
    const [, year, hash, date] = made.fingerprint;
    if (year === undefined || hash === undefined || date === undefined || made.document === undefined) return;
    const month = monthOfDateKey(date);
    const part = this.#staged.find((staged) => partHolds(staged.shard, year, month));
    if (!part || part.started) return;
    part.pages.set(pageUrlOf(file), hash);
    try {
      const target = join(this.#siteDir(part), file);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, relabelDocument(made.document, this.#options.lang, part.language));
    } catch (error) {
      // Not the page's failure: the part is left to the index step, which says so if it fails too.
      part.started = true;
      this.#failed.push(`${part.shard.name}: staging ${file}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (part.pages.size === part.shard.pages) this.#start(part);
  }

  /**
   * Waits for the parts started so far; parts still incomplete are left to the index step.
   * Each part indexed here, in order, as soon as it is done, has its page ids read and is
   * given to `prepare`, while Pagefind indexes the next (its word-parts lookup, read then
   * rather than after the last part).
   */
  async settle(prepare?: (partDir: string) => void): Promise<EarlyPartsResult> {
    for (const run of this.#runs) {
      await run.done;
      const part = this.#parts.get(run.name);
      if (!part) continue;
      try {
        this.#parts.set(run.name, { ...part, ids: pageIdsByUrl(part.dir) });
      } catch {
        // Left to the index step, which reads them again and names what it cannot read.
      }
      prepare?.(part.dir);
    }
    await this.#queue;
    return { fingerprints: this.#fingerprints, parts: this.#parts, failed: [...this.#failed] };
  }

  /** Removes what the index step did not take. */
  dispose(): void {
    rmSync(this.#options.workDir, { recursive: true, force: true });
  }

  #siteDir(part: StagedPart): string {
    return join(this.#options.workDir, 'documents', part.shard.name);
  }

  #start(part: StagedPart): void {
    part.started = true;
    const { name } = part.shard;
    const pages = new Map(part.pages);
    this.#queue = this.#queue.then(async () => {
      const dir = join(this.#options.workDir, 'parts', name);
      const runDir = join(this.#options.workDir, 'runs', name);
      mkdirSync(runDir, { recursive: true });
      try {
        await indexStagedPart(this.#siteDir(part), dir, runDir, part.language, pages.size, name);
        this.#parts.set(name, { language: part.language, dir, pages });
      } catch (error) {
        this.#failed.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        rmSync(this.#siteDir(part), { recursive: true, force: true });
        rmSync(runDir, { recursive: true, force: true });
      }
    });
    this.#runs.push({ name, done: this.#queue });
  }
}
