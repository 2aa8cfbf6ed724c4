/**
 * Restoring cached pages by hard link instead of by copy (`src/integrations/restore-links.ts`).
 *
 * Astro's incremental build copies each unchanged page from its cache (`<cacheDir>/dist/`)
 * into the output folder, one awaited mkdir and copy after another, unless the output folder
 * already has the file. So every cached copy is linked into the (empty) staging folder
 * before the pages are generated, and Astro keeps the linked ones it would have copied.
 *
 * A hard link is one file under two names, and Astro writes a page it renders again with
 * `writeFile`, which would write through the link into the cache's copy and into every
 * earlier output holding it. So, before Astro writes a page (`release`), its linked name in
 * the staging folder and its cache copy are unlinked, and Astro writes new files. Afterwards
 * (`finish`) linked pages this build did not produce (removed articles, for one) are deleted,
 * and every linked page left is checked to be exactly as linked.
 */
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

export class RestoreLinkError extends Error {
  override name = 'RestoreLinkError';
}

/** The output file, relative to the output folder with forward slashes, of a request for `urlPathname`, as Astro writes it with `build.format: 'directory'`. */
export function outputFileOf(urlPathname: string, base: string, routeType: string): string | undefined {
  const prefix = base.replace(/\/?$/, '/');
  const path = decodeURIComponent(urlPathname);
  if (!path.startsWith(prefix) && `${path}/` !== prefix) return undefined;
  const inSite = path.slice(prefix.length).replace(/\/+$/, '');
  if (routeType === 'endpoint') return inSite === '' ? undefined : inSite;
  if (inSite === '') return 'index.html';
  // Status pages are files of their own (Astro's STATUS_CODE_PAGES).
  if (inSite === '404' || inSite === '500') return `${inSite}.html`;
  return `${inSite}/index.html`;
}

export interface FinishSummary {
  /** Linked pages this build produced unchanged. */
  kept: number;
  /** Linked pages that were rendered again (and so written as new files). */
  released: number;
  /** Linked pages this build did not produce, deleted. */
  removed: number;
}

/** The cached pages linked into one build's output folder. */
export class LinkedPages {
  /** Linked files by path relative to the output folder, with forward slashes. */
  readonly #linked = new Set<string>();
  #linkedAt = Number.POSITIVE_INFINITY;
  #released = 0;
  readonly cacheDir: string;
  readonly outDir: string;

  /** `cacheDir` is Astro's page cache (`<cacheDir>/dist`), `outDir` the output folder the pages are generated into. */
  constructor(cacheDir: string, outDir: string) {
    this.cacheDir = cacheDir;
    this.outDir = outDir;
  }

  /** Links every cached page whose name the output folder does not have yet; returns how many. */
  linkAll(): number {
    // Linking does not change a file's modification time, writing through a link does.
    this.#linkedAt = Date.now();
    const walk = (relativeDir: string) => {
      const target = join(this.outDir, relativeDir);
      try {
        mkdirSync(target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      for (const entry of readdirSync(join(this.cacheDir, relativeDir), { withFileTypes: true })) {
        const file = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
        if (entry.isDirectory()) {
          walk(file);
          continue;
        }
        if (!entry.isFile()) continue;
        try {
          linkSync(join(this.cacheDir, file), join(this.outDir, file));
          this.#linked.add(file);
        } catch (error) {
          // A file the bundler or the public folder already put there is theirs.
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      }
    };
    if (existsSync(this.cacheDir)) walk('');
    return this.#linked.size;
  }

  /**
   * Before Astro writes `file` (relative to the output folder, forward slashes): unlinks its
   * linked name and its cache copy, so Astro's writes make new files instead of writing
   * through the link.
   */
  release(file: string): void {
    if (this.#linked.delete(file)) {
      rmSync(join(this.outDir, file), { force: true });
      this.#released++;
    }
    // Also when not linked in this build: the copy may be linked into an earlier output.
    rmSync(join(this.cacheDir, file), { force: true });
  }

  /**
   * After the pages are generated: deletes the linked pages not among `produced` (the output
   * files Astro reports, relative to the output folder), then checks that no linked page
   * left was written to since it was linked.
   */
  finish(produced: ReadonlySet<string>): FinishSummary {
    let removed = 0;
    for (const file of this.#linked) {
      if (produced.has(file)) continue;
      // Every name linked and not released is still the link: nothing else writes there.
      const target = join(this.outDir, file);
      rmSync(target, { force: true });
      removeEmptyFolders(dirname(target), this.outDir);
      this.#linked.delete(file);
      removed++;
    }
    for (const file of this.#linked) {
      const now = lstatSync(join(this.outDir, file), { throwIfNoEntry: false });
      if (now && now.mtimeMs >= this.#linkedAt) {
        throw new RestoreLinkError(
          `${file} was written to after it was linked from the cached copy, so the cache and earlier outputs may hold the new page: nothing was published. Delete ${this.cacheDir} and build again, and report this: Astro wrote a page that src/lib/restore-links.ts did not release.`,
        );
      }
    }
    return { kept: this.#linked.size, released: this.#released, removed };
  }
}

/** Removes `folder` and its parents up to (not including) `root` while they are empty. */
function removeEmptyFolders(folder: string, root: string): void {
  for (let current = folder; current.startsWith(`${root}${sep}`); current = dirname(current)) {
    if (readdirSync(current).length > 0) return;
    rmdirSync(current);
  }
}
