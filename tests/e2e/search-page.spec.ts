import type { Page } from '@playwright/test';
import { axe } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { REFERENCE_PATH } from './reference-article.ts';

const settled = async (page: Page) => expect(page.locator('#search-results')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });

test('a Traditional-script query finds the Simplified article, with the match highlighted', async ({ page }) => {
  await page.goto('/search/?q=縣委書記');
  await settled(page);
  const hit = page.locator(`#search-results a[href="${REFERENCE_PATH}"]`);
  await expect(hit).toHaveCount(1);
  await expect(page.locator('#search-results .search-hit-excerpt mark').first()).toHaveText('县委书记');
});

test('a phrase is found only where its characters are together', async ({ page }) => {
  // 邵阳县 and 党建 are both in the article; 县党 occurs only across those words ("邵阳县党建").
  await page.goto('/search/?q=县党建');
  await settled(page);
  await expect(page.locator(`#search-results a[href="${REFERENCE_PATH}"]`)).toHaveCount(1);
  await page.goto('/search/?q=党县');
  await settled(page);
  await expect(page.locator('#search-results a')).toHaveCount(0);
});

test('the empty state names the query and offers to drop the filters', async ({ page }) => {
  await page.goto('/search/?q=量子引力波&year=2017');
  await settled(page);
  await expect(page.locator('#search-results .search-empty')).toContainText('量子引力波');
  await expect(page.locator('#search-results')).toHaveAttribute('data-total', '0');
  await page.locator('#search-results .search-empty a').click();
  await expect(page).toHaveURL(/\?q=%E9%87%8F%E5%AD%90%E5%BC%95%E5%8A%9B%E6%B3%A2$/);
});

test('filters and order live in the URL and the back button walks them back', async ({ page }) => {
  await page.goto('/search/?q=第一书记');
  await settled(page);
  const facets = page.locator('#search-facets');
  await expect(facets).toBeVisible();
  await expect(facets.getByRole('link', { name: /2017 \(1\)/ })).toBeVisible();
  await expect(facets.getByRole('link', { name: /艾哲 \(1\)/ })).toBeVisible();
  await facets.getByRole('link', { name: /2017/ }).click();
  await expect(page).toHaveURL(/[?&]year=2017/);
  await settled(page);
  await expect(facets.getByRole('link', { name: /2017/ })).toHaveAttribute('aria-current', 'true');
  await page.locator('#search-sort').getByRole('link', { name: '最新发布' }).click();
  await expect(page).toHaveURL(/year=2017&sort=newest/);
  await settled(page);
  await expect(page.locator(`#search-results a[href="${REFERENCE_PATH}"]`)).toHaveCount(1);
  await page.goBack();
  await expect(page).toHaveURL(/year=2017$/);
  await page.goBack();
  await expect(page).toHaveURL(/\?q=[^&]+$/);
  await settled(page);
  await expect(facets.getByRole('link', { name: '全部' }).first()).toHaveAttribute('aria-current', 'true');
});

test('a filter that excludes the article leaves the empty state', async ({ page }) => {
  await page.goto('/search/?q=第一书记&year=1999');
  await settled(page);
  await expect(page.locator('#search-results a[href^="/articles/"]')).toHaveCount(0);
  await expect(page.locator('#search-results .search-empty')).toBeVisible();
});

test('the search works from the keyboard alone', async ({ page }) => {
  await page.goto('/search/');
  await settled(page);
  await page.keyboard.press('/');
  await expect(page.locator('#site-search')).toBeFocused();
  await page.keyboard.type('第一书记');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=/);
  await settled(page);
  const link = page.locator(`#search-results a[href="${REFERENCE_PATH}"]`);
  await expect(link).toHaveCount(1);
  for (let i = 0; i < 10 && !(await link.evaluate((element) => element === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(REFERENCE_PATH);
});

test('a new query from the search page replaces the results without reloading', async ({ page }) => {
  await page.goto('/search/?q=量子引力波');
  await settled(page);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  await page.locator('#site-search').fill('第一书记');
  await page.locator('#site-search').press('Enter');
  await settled(page);
  await expect(page.locator(`#search-results a[href="${REFERENCE_PATH}"]`)).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
});

test('axe finds no violations on the search page, with results and empty', async ({ page }) => {
  test.setTimeout(120_000);
  for (const url of ['/search/?q=第一书记', '/search/?q=量子引力波', '/search/']) {
    await page.goto(url);
    await settled(page);
    const { violations } = await axe(page).analyze();
    expect(violations.map((violation) => `${url}: ${violation.id}: ${violation.help}`)).toEqual([]);
  }
});
