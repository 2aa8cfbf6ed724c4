/**
 * Reading a written Pagefind index part (Node only), for the indexer and the output check.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Pagefind's page ids in a written index part: its fragment files are named by them. */
export function pageIds(partDir: string): string[] {
  const folder = join(partDir, 'fragment');
  return existsSync(folder) ? readdirSync(folder).map((name) => name.replace(/\.pf_fragment$/, '')) : [];
}

/**
 * Every page's id in a written index part, by its URL: a fragment is Pagefind's gzipped
 * `pagefind_dcd` signature and the page's JSON, which starts with its URL. Only the URL
 * is read, not the whole page's JSON.
 */
export function pageIdsByUrl(partDir: string): Map<string, string> {
  const byUrl = new Map<string, string>();
  for (const id of pageIds(partDir)) {
    const file = join(partDir, 'fragment', `${id}.pf_fragment`);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    const url = /^pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
    if (url === undefined) throw new Error(`${file} does not start with a page URL as Pagefind 1.6 writes fragments; was the index part written by another Pagefind version?`);
    byUrl.set(JSON.parse(url) as string, id);
  }
  return byUrl;
}

/** A page's fragment as Pagefind 1.6 writes it (the fields the project reads). */
export interface PageFragment {
  url: string;
  content: string;
  meta?: Record<string, string | undefined>;
}

const FRAGMENT_SIGNATURE = 'pagefind_dcd';

const isFragment = (value: unknown): value is PageFragment =>
  typeof value === 'object' && value !== null && typeof (value as PageFragment).url === 'string' && typeof (value as PageFragment).content === 'string';

/** The fragment of page `id` in a written index part, whole; `fail` makes the error of a file that is not one. */
export function readFragment(partDir: string, id: string, fail: (message: string) => Error): PageFragment {
  const file = join(partDir, 'fragment', `${id}.pf_fragment`);
  const data = gunzipSync(readFileSync(file)).toString('utf8');
  const parsed: unknown = data.startsWith(FRAGMENT_SIGNATURE) ? JSON.parse(data.slice(FRAGMENT_SIGNATURE.length)) : undefined;
  if (!isFragment(parsed)) throw fail(`${file} is not one page's Pagefind fragment (gzipped JSON with a url and content after "${FRAGMENT_SIGNATURE}"): was the index written by another Pagefind version? Rebuild it with the project's own (npm install, then npm run build)`);
  return parsed;
}
