import { expect, test } from './fixtures.ts';
import { mdxBlocks, REFERENCE_PATH, seedBlocks } from './reference-article.ts';

test.describe('the reference article page', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(REFERENCE_PATH);
  });

  test('shows the headline, the publication time in Beijing time with its offset, and every credit with its role', async ({ page }) => {
    const article = page.locator('article');
    await expect(article.locator('h1')).toHaveText('党的十八大以来邵阳县党建工作发展纪实之为有源头活水来');
    const time = article.locator('.article-meta time');
    await expect(time).toHaveAttribute('datetime', '2017-10-17T09:41:00+08:00');
    await expect(time).toHaveText('2017年10月17日 09:41');
    const meta = article.locator('.article-meta');
    const pairs = await meta.locator('div').evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('dt')?.textContent?.trim(), row.querySelector('dd')?.textContent?.trim()]),
    );
    expect(pairs).toEqual([
      ['时间', '2017年10月17日 09:41'],
      ['来源', '邵阳新闻在线'],
      ['记者', '艾哲'],
      ['通讯员', '刘飞'],
      ['责任编辑', '刘茜'],
    ]);
  });

  test('renders the body exactly as the capture printed it: every paragraph, heading and caption, in order', async ({ page }) => {
    const rendered = await page.locator('.article-body').evaluate((body) =>
      [...body.querySelectorAll(':scope > p, :scope > h2, :scope > figure figcaption')].map((block) => block.textContent ?? ''),
    );
    const expected = seedBlocks() ?? mdxBlocks();
    expect(rendered).toEqual(expected);
    // 21 paragraphs, 4 headings, 4 captions.
    expect(rendered).toHaveLength(29);
  });

  test('marks the four section headings as h2 with stable anchor ids', async ({ page }) => {
    const headings = await page.locator('.article-body h2').evaluateAll((list) => list.map((h) => [h.id, h.textContent]));
    expect(headings).toEqual([
      ['抓思想转作风围绕大局抓教育', '抓思想转作风,围绕大局抓教育'],
      ['抓基层压责任创新工作激活力', '抓基层压责任,创新工作激活力'],
      ['抓党风促廉政严格管理强队伍', '抓党风、促廉政,严格管理强队伍'],
      ['抓服务树形象精准服务暖民心', '抓服务树形象,精准服务暖民心'],
    ]);
    await page.goto(`${REFERENCE_PATH}#${encodeURIComponent('抓基层压责任创新工作激活力')}`);
    await expect(page.locator('.article-body h2').nth(1)).toBeInViewport();
  });

  test('shows the four captions as figures: one before the lead, three after the last paragraph', async ({ page }) => {
    const blocks = await page.locator('.article-body').evaluate((body) => [...body.children].map((child) => child.tagName));
    expect(blocks[0]).toBe('FIGURE');
    expect(blocks.slice(-4)).toEqual(['P', 'FIGURE', 'FIGURE', 'FIGURE']);
    await expect(page.locator('.article-body figure figcaption')).toHaveCount(4);
    await expect(page.locator('.article-body figure img')).toHaveCount(0);
  });
});

// The home page lists the newest articles, which in the demo archive are from 2018 (demo.spec.ts).
test('the archive month and day pages list the article with its date', async ({ page }) => {
  for (const path of ['/archive/2017/10/', '/archive/2017/10/17/']) {
    await page.goto(path);
    const link = page.locator(`a[href="${REFERENCE_PATH}"]`);
    await expect(link).toHaveText('党的十八大以来邵阳县党建工作发展纪实之为有源头活水来');
    await expect(page.locator('li', { has: link }).locator('time')).toHaveText('2017年10月17日 09:41');
  }
});

test.describe('an unknown address', () => {
  test.use({ expectedConsole: [/status of 404/] });

  test('answers 404 with the Chinese not-found page', async ({ page }) => {
    const response = await page.goto('/no-such-page/');
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('页面不存在');
  });
});
