/**
 * Under the site's Content-Security-Policy (no 'unsafe-inline' script), search and the 字体
 * switcher work and the browser reports no violation: `securitypolicyviolation` events are
 * collected from before the first script runs, and the console must stay empty (fixtures.ts).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { REFERENCE_PATH } from './reference-article.ts';

async function collectViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} blocked ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('every page carries a policy without unsafe-inline scripts', async ({ page }) => {
  for (const path of ['/', '/search/', REFERENCE_PATH, '/archive/']) {
    await page.goto(path);
    const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(policy, path).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(policy, path).not.toContain('unsafe-inline');
  }
});

test('search works under the policy with zero violations', async ({ page }) => {
  const violations = await collectViolations(page);
  await page.goto('/search/?q=第一书记');
  await expect(page.locator('#search-results')).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator(`#search-results a[href="${REFERENCE_PATH}"]`)).toHaveCount(1);
  expect(await violations()).toEqual([]);
});

test('the search panel under the header box works under the policy with zero violations', async ({ page }) => {
  const violations = await collectViolations(page);
  await page.goto(REFERENCE_PATH);
  await page.locator('#site-search').fill('第一书记');
  const results = page.locator('#search-panel-results');
  await expect(results).toHaveAttribute('data-query', '第一书记');
  await expect(results).toHaveAttribute('aria-busy', 'false');
  await expect(results.locator(`a[href="${REFERENCE_PATH}"]`)).toHaveCount(1);
  expect(await violations()).toEqual([]);
});

test('the font-size switcher works under the policy with zero violations', async ({ page }) => {
  const violations = await collectViolations(page);
  await page.goto(REFERENCE_PATH);
  const large = page.locator('button[data-font-size="large"]');
  await large.click();
  await expect(large).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-font-size', 'large');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-font-size', 'large');
  expect(await violations()).toEqual([]);
});
