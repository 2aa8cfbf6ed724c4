/**
 * Reading a written Pagefind index part (Node only), for the output check.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Pagefind's page ids in a written index part: its fragment files are named by them. */
export function pageIds(partDir: string): string[] {
  const folder = join(partDir, 'fragment');
  return existsSync(folder) ? readdirSync(folder).map((name) => name.replace(/\.pf_fragment$/, '')) : [];
}

