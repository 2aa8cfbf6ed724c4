import { expect, test } from './fixtures.ts';
import { REFERENCE_PATH } from './reference-article.ts';

test('Pagefind finds the reference article for 第一书记', async ({ page }) => {
  await page.goto('/');
  const urls = await page.evaluate(async () => {
    const pagefind = await import('/pagefind/pagefind.js' as string);
    const search = await pagefind.search('第一书记');
    return Promise.all(search.results.map(async (result: { data(): Promise<{ url: string }> }) => (await result.data()).url));
  });
  expect(urls).toContain(REFERENCE_PATH);
});

test('Pagefind indexes articles only, not listings or navigation', async ({ page }) => {
  await page.goto('/');
  const urls = await page.evaluate(async () => {
    const pagefind = await import('/pagefind/pagefind.js' as string);
    const search = await pagefind.search('邵阳');
    return Promise.all(search.results.map(async (result: { data(): Promise<{ url: string }> }) => (await result.data()).url));
  });
  expect(urls).toEqual([REFERENCE_PATH]);
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
