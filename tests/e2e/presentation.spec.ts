import { mkdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { axe } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { REFERENCE_PATH } from './reference-article.ts';

const SCREENSHOTS = 'test-results/screenshots';

test.describe('the reference article', () => {
  for (const width of [375, 1280]) {
    test(`is laid out without horizontal scrolling at ${width} px, and a screenshot is kept`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(REFERENCE_PATH);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}/article-${width}.png`, fullPage: false });
      await page.screenshot({ path: `${SCREENSHOTS}/article-${width}-full.png`, fullPage: true });
    });
  }

  test('is readable at 360 px and 1440 px: the reading column stays within a comfortable measure', async ({ page }) => {
    for (const width of [360, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(REFERENCE_PATH);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const paragraph = page.locator('.article-body p').first();
      const box = await paragraph.boundingBox();
      const fontSize = await paragraph.evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
      // At most about 40 CJK characters a line.
      expect((box?.width ?? 0) / fontSize).toBeLessThanOrEqual(41);
    }
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no axe violations in ${colorScheme} mode, home, article and archive`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme });
      for (const path of ['/', REFERENCE_PATH, '/archive/', '/archive/2017/10/']) {
        await page.goto(path);
        const results = await axe(page).analyze();
        expect(results.violations.map((violation) => `${path} ${violation.id}`)).toEqual([]);
      }
    });
  }

  test('follows the system dark mode', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(REFERENCE_PATH);
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(background).toBe('rgb(22, 22, 21)');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.setViewportSize({ width: 375, height: 900 });
    await page.screenshot({ path: `${SCREENSHOTS}/article-375-dark.png` });
  });

  test('costs at most 30 KB compressed (HTML + CSS) and ships only the font-size and reader-tools scripts and the search loader', async ({ page, request }) => {
    await page.goto(REFERENCE_PATH);
    const html = await (await request.get(REFERENCE_PATH)).body();
    const css = await page.locator('link[rel="stylesheet"]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    const styles = await Promise.all(css.map(async (href) => (await request.get(href)).body()));
    const total = [html, ...styles].reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0);
    const brotli = [html, ...styles].reduce((sum, bytes) => sum + brotliCompressSync(bytes).length, 0);
    expect(total).toBeLessThanOrEqual(30 * 1024);
    expect(brotli).toBeLessThanOrEqual(30 * 1024);
    const scripts = await page.locator('script[src]').evaluateAll((list) => list.map((script) => script.getAttribute('src') ?? ''));
    // font-size.js, the reader-tools module, and at most the search box's loader.
    expect(scripts.length).toBeLessThanOrEqual(3);
    expect(scripts).toContain('/font-size.js');
    await expect(page.locator('script:not([src]):not([type="application/ld+json"])')).toHaveCount(0);
  });
});

test('the reference article has a table of contents whose anchors land on the headings', async ({ page }) => {
  await page.goto(REFERENCE_PATH);
  const links = page.locator('.toc a');
  await expect(links).toHaveCount(4);
  await links.nth(2).click();
  await expect(page.locator('.article-body h2').nth(2)).toBeInViewport();
});
