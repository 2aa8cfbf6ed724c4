import { identityFolder } from '../../src/lib/search/fold.ts';
import { planQuery } from '../../src/lib/search/query.ts';
import type { ShardManifest } from '../../src/lib/search/shards.ts';
import { expect, test } from './fixtures.ts';
import { REFERENCE_PATH } from './reference-article.ts';

/** Pagefind is asked in the CJK layer's tokens (src/lib/search/cjk.ts), as the search page asks it. */
const rawSearch = (term: string) => async ({ page }: { page: import('@playwright/test').Page }) => {
  await page.goto('/');
  return page.evaluate(async (pagefindTerm) => {
    const pagefind = await import('/pagefind/pagefind.js' as string);
    const search = await pagefind.search(pagefindTerm);
    return Promise.all(search.results.map(async (result: { data(): Promise<{ url: string }> }) => (await result.data()).url));
  }, planQuery(term, identityFolder).term);
};

test('Pagefind finds the reference article for 第一书记', async ({ page }) => {
  expect(await rawSearch('第一书记')({ page })).toContain(REFERENCE_PATH);
});

test('Pagefind indexes articles only, not listings or navigation', async ({ page }) => {
  // 邵阳 is in the site's name on every page: an indexed listing or header would be found.
  // Other articles may mention it too (an editor's new one does), so only the kind of page is checked.
  const urls = await rawSearch('邵阳')({ page });
  expect(urls).toContain(REFERENCE_PATH);
  expect(urls.filter((url) => !url.startsWith('/articles/'))).toEqual([]);
});

test('the search page renders results as links inside #search-results once it is no longer busy', async ({ page }) => {
  await page.goto('/search/?q=第一书记');
  const results = page.locator('#search-results');
  await expect(results).toHaveAttribute('aria-busy', 'false');
  await expect(results.locator(`a[href="${REFERENCE_PATH}"]`)).toHaveCount(1);
  await expect(results.locator('mark').first()).toBeVisible();
  await expect(page.locator('#site-search')).toHaveValue('第一书记');
});

test('searching from the box on any page opens the search page with the query in the URL', async ({ page }) => {
  await page.goto(REFERENCE_PATH);
  await page.locator('#site-search').fill('振羽广场');
  await page.locator('#site-search').press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=%E6%8C%AF%E7%BE%BD/);
  await expect(page.locator('#search-results')).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator(`#search-results a[href="${REFERENCE_PATH}"]`)).toHaveCount(1);
});

// Not a part's metadata or WebAssembly: which part a first search opens depends on its query (word-parts.ts).
test('the search page preloads what its first search loads, and its first search uses every preload', async ({ page, request }) => {
  await page.goto('/search/?q=第一书记');
  const preloads = await page.locator('link[data-annals-preload]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  // A rebuild that carries changed pages in the recent-changes part (src/lib/search/recent-changes.ts)
  // has the engine merge it before the first answer: its metadata is preloaded too.
  const recent = ((await (await request.get('/pagefind/annals-shards.json')).json()) as ShardManifest).recent?.path;
  expect(preloads.filter((href) => href.startsWith('/pagefind/')).map((href) => href.replace(/\.[^./]*\.pf_meta$/, '.*.pf_meta'))).toEqual([
    '/pagefind/pagefind.js',
    '/pagefind/annals-fold.txt',
    '/pagefind/annals-shards.json',
    ...(recent ? [`/pagefind/${recent}pagefind.*.pf_meta`] : []),
  ]);
  // The search script's shared chunk, which the browser would otherwise find only after the script.
  expect(preloads.filter((href) => href.startsWith('/_astro/')).length).toBeGreaterThan(0);
  for (const href of preloads) expect((await request.get(href)).status(), href).toBe(200);
  await expect(page.locator('#search-results')).toHaveAttribute('aria-busy', 'false');
  // A preload the page never used would be a console warning, which fails the test (fixtures.ts);
  // the search page without a query loads Pagefind too, so it uses them as well.
  await page.waitForTimeout(3500);
  await page.goto('/search/');
  await expect(page.locator('#search-results')).toHaveAttribute('aria-busy', 'false');
  await page.waitForTimeout(3500);
});
