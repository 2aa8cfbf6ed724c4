/**
 * The dev server's watch on the articles folder: one `fs.watch` per folder, which reports
 * every file written, added, renamed or removed in it (inotify on Linux), instead of Vite's
 * watcher, which also watches every file on its own: 0.7 s of the main thread at each start
 * of the dev server over 19,876 articles in a content root outside the project, for nothing
 * the loader needs (any change makes it check the root again, and the check's walk finds
 * what changed: src/lib/content-check.ts).
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `dir` and every folder under it, ignored names (`ignored`) left out, sorted. */
export function foldersUnder(dir: string, ignored: (name: string) => boolean): string[] {
  const folders: string[] = [];
  const walk = (current: string) => {
    folders.push(current);
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (ignored(entry.name)) continue;
      const path = join(current, entry.name);
      // A linked folder is walked by the content check (it follows links), so it is watched too.
      if (entry.isDirectory() || (entry.isSymbolicLink() && isFolder(path))) walk(path);
    }
  };
  walk(dir);
  return folders;
}

/**
 * How long events are gathered before `onChange` is called: one save is often a burst of
 * them (a temporary file written, renamed over the article), which would otherwise check the
 * content twice or three times and report a problem as often.
 */
export const SETTLE_MS = 25;

/** Watches a set of folders, calling `onChange` once per burst of events on files or folders whose name `ignored` does not take. */
export class FolderWatch {
  readonly #watchers = new Map<string, FSWatcher>();
  readonly #onChange: () => void;
  readonly #ignored: (name: string) => boolean;
  #settling: ReturnType<typeof setTimeout> | undefined;

  constructor(onChange: () => void, ignored: (name: string) => boolean) {
    this.#onChange = onChange;
    this.#ignored = ignored;
  }

  #changed(): void {
    this.#settling ??= setTimeout(() => {
      this.#settling = undefined;
      this.#onChange();
    }, SETTLE_MS);
  }

  /**
   * Watches exactly `folders`: new ones from now on, gone ones no more. True when a folder
   * was added: files may have been written in it before it was watched, so the caller walks
   * it again.
   */
  sync(folders: Iterable<string>): boolean {
    const wanted = new Set(folders);
    for (const [folder, watcher] of this.#watchers) {
      if (wanted.has(folder)) continue;
      watcher.close();
      this.#watchers.delete(folder);
    }
    let added = false;
    for (const folder of wanted) {
      if (this.#watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => {
          if (name === null || !this.#ignored(String(name))) this.#changed();
        });
        // A folder removed while watched: the next walk no longer lists it, and sync closes it.
        watcher.on('error', () => this.#changed());
        this.#watchers.set(folder, watcher);
        added = true;
      } catch {
        // Gone since the walk: the change that removed it calls onChange.
      }
    }
    return added;
  }

  /** The folders watched, sorted. */
  get folders(): string[] {
    return [...this.#watchers.keys()].sort();
  }

  close(): void {
    clearTimeout(this.#settling);
    this.#settling = undefined;
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
  }
}
