/**
 * `node tests/build/search-answers.ts DIST QUERIES_JSON`: answers each query (a
 * `SearchState`) with the search page's own engine (`src/lib/search/engine.ts`) and the
 * built site's real Pagefind module and index, in Node, and prints the answers as JSON:
 * for each query the first answer's URLs (the newest part's, `onNewest`) and the complete
 * answer's URLs in order, and its facets. `fetch` reads the site's files from disk.
 *
 * Why a process of its own: Pagefind's module keeps one index per module instance, so each
 * site is answered by a fresh one.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SearchEngine, type PagefindApi } from '../../src/lib/search/engine.ts';
import type { SearchState } from '../../src/lib/search/url-state.ts';

const [dist, queriesJson] = process.argv.slice(2);
if (!dist || !queriesJson) throw new Error('usage: node tests/build/search-answers.ts DIST QUERIES_JSON');
globalThis.fetch = async (input: string | URL | Request) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  try {
    return new Response(await readFile(fileURLToPath(url)));
  } catch {
    return new Response('', { status: 404 });
  }
};
const pagefindDir = pathToFileURL(join(dist, 'pagefind/')).href;
const engine = new SearchEngine({
  pagefindUrl: `${pagefindDir}pagefind.js`,
  foldUrl: `${pagefindDir}annals-fold.txt`,
  baseUrl: '/',
  importPagefind: (url) => import(url) as Promise<PagefindApi>,
});
const answers = [];
for (const state of JSON.parse(queriesJson) as SearchState[]) {
  let first: string[] | undefined;
  const urls = (results: readonly { data(): Promise<{ url: string }> }[]) => Promise.all(results.map(async (result) => (await result.data()).url));
  const outcome = await engine.search(state, {
    onNewest: async (newest) => {
      first = (await urls(newest.results)).sort();
      return [];
    },
  });
  answers.push({ state, first, urls: await urls(outcome.results), facets: outcome.facets, approximate: outcome.approximate });
}
process.stdout.write(JSON.stringify(answers));
