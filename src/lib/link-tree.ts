/**
 * Puts a folder's files into another by hard link (Node only): the search index's kept
 * parts go into the output this way, as cached pages do (`restore-links.ts`). xwlb's five
 * parts are 43,000 files; copying them took 7 s of a cold build, linking takes a fraction.
 *
 * A linked file is one file under two names, so whoever writes the target must replace a
 * file, never write into it: the indexer writes only new files beside the parts, and every
 * build removes the output's index folder before linking into it again.
 */
import { copyFileSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Links every file under `source` whose top-level entry `include` accepts into `target`; copies where linking is refused (another file system). */
export function linkTree(source: string, target: string, include: (topLevelEntry: string) => boolean = () => true): void {
  let linking = true;
  const place = (from: string, to: string) => {
    if (linking) {
      try {
        linkSync(from, to);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV' && (error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
        linking = false;
      }
    }
    copyFileSync(from, to);
  };
  const visit = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(join(from, entry.name), join(to, entry.name));
      else place(join(from, entry.name), join(to, entry.name));
    }
  };
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    if (!include(entry.name)) continue;
    if (entry.isDirectory()) visit(join(source, entry.name), join(target, entry.name));
    else place(join(source, entry.name), join(target, entry.name));
  }
}
