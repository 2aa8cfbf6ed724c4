/**
 * The demo archive in `content/` (issue 16, item 3): what a newcomer sees after
 * `npm install && npm start`. It must show what Annals does (many articles over several
 * years, photos, a photo the archive lost, a correction, people in several roles) and every
 * kind of page it makes must pass axe, in light and in dark mode.
 */
import type { Page } from '@playwright/test';
import { termPath } from '../../src/lib/terms.ts';
import { axeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { REFERENCE_PATH } from './reference-article.ts';

/** Demo articles that carry one feature each. */
const DEMO = {
  photo: '/articles/spring-tea-2016/',
  lostPhotos: '/articles/flood-evacuation-2016/',
  corrected: '/articles/hospital-building-2016/',
} as const;

/** One page of every kind the site makes. */
const PAGES: Record<string, string> = {
  home: '/',
  'reference article (captions only)': REFERENCE_PATH,
  'article with a photo': DEMO.photo,
  'article whose photos are lost': DEMO.lostPhotos,
  'corrected article': DEMO.corrected,
  archive: '/archive/',
  'archive year': '/archive/2017/',
  'archive month': '/archive/2017/10/',
  'archive day': '/archive/2017/10/17/',
  'on this day, every day': '/archive/on-this-day/',
  'on this day, one day': '/archive/on-this-day/10-17/',
  people: '/people/',
  person: termPath('person', '黄振宇'),
  "person's year": `${termPath('person', '黄振宇')}2017/`,
  sources: '/sources/',
  source: termPath('source', '枫川日报'),
  sections: '/sections/',
  section: termPath('section', '农村'),
  tags: '/tags/',
  tag: termPath('tag', '脱贫攻坚'),
  'search with a query': '/search/?q=扶贫日',
  'not found': '/no-such-page/',
};

async function settle(page: Page, path: string): Promise<void> {
  if (path.startsWith('/search/')) await expect(page.locator('#search-results')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await page.waitForLoadState('networkidle');
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`the demo archive in ${colorScheme} mode`, () => {
    test.use({ colorScheme, expectedConsole: [/status of 404/] });
    for (const [name, path] of Object.entries(PAGES)) {
      test(`axe finds no violations on the ${name} page`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(path === PAGES['not found'] ? 404 : 200);
        await settle(page, path);
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  });
}

test('the archive lists at least 30 articles over at least three years, each on its month page', async ({ page }) => {
  await page.goto('/archive/');
  const years = await page.locator('.archive-years > li > h2').evaluateAll((headings) =>
    headings.map((heading) => ({ year: heading.querySelector('a')?.textContent ?? '', count: Number(/\d+/.exec(heading.querySelector('.count')?.textContent ?? '')?.[0]) })),
  );
  expect(years.length).toBeGreaterThanOrEqual(3);
  const total = years.reduce((sum, year) => sum + year.count, 0);
  expect(total).toBeGreaterThanOrEqual(30);
  await expect(page.locator('main > p').first()).toHaveText(`共 ${total} 篇`);

  const months = await page.locator('.archive-months a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  const articles = new Map<string, string>();
  for (const month of months) {
    await page.goto(month);
    for (const href of await page.locator('main .article-list a').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''))) {
      articles.set(href, month);
    }
  }
  expect(articles.size).toBe(total);
  expect(new Set([...articles.values()].map((month) => month.split('/')[2])).size).toBe(years.length);
  expect([...articles.keys()]).toContain(REFERENCE_PATH);
});

test('the home page lists the ten newest articles, newest first, each with its date', async ({ page }) => {
  await page.goto('/');
  const times = await page.locator('main .article-list time').evaluateAll((list) => list.map((time) => time.getAttribute('datetime') ?? ''));
  expect(times).toHaveLength(10);
  expect(times.map((time) => Date.parse(time))).toEqual(times.map((time) => Date.parse(time)).sort((a, b) => b - a));
  await expect(page.locator('main .article-list a').first()).toHaveText('县城第二污水处理厂建成运行');
});

test('the demo shows a photo with its text alternative and credit, and a figure whose photo was lost keeps its caption', async ({ page }) => {
  await page.goto(DEMO.photo);
  const photo = page.locator('.article-body figure img');
  await expect(photo).toHaveAttribute('alt', /茶垄/);
  expect(await photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(page.locator('.article-body figcaption .figure-credit')).toHaveText('摄影 黄振宇');

  await page.goto(DEMO.lostPhotos);
  await expect(page.locator('.article-body figure')).toHaveCount(3);
  await expect(page.locator('.article-body figure img')).toHaveCount(0);
  await expect(page.locator('.article-body figure .figure-missing')).toHaveCount(3);
  await expect(page.locator('.article-body figcaption').first()).toContainText('清水河水位已超过警戒线');
});

test('the corrected demo article shows its correction with the date it was made', async ({ page }) => {
  await page.goto(DEMO.corrected);
  const corrections = page.locator('section.corrections');
  await expect(corrections.locator('h2')).toHaveText('更正');
  await expect(corrections.locator('li')).toHaveText([/^2016年8月23日 09:30\s+原文“新增床位600张”应为“新增床位500张”/]);
});

test('a person who worked in two roles is listed with both', async ({ page }) => {
  await page.goto(termPath('person', '黄振宇'));
  await expect(page.locator('main > p').first()).toHaveText(/共 \d+ 篇，摄影 ×\d+、记者 ×1/);
});
