/**
 * Built sites for the indexer's tests: five articles over three years, a listing page without
 * a search body, and a feed; and one whose newest year is split into parts of months.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** An article page as the site renders it; `date` its sort key, in the site's time zone. */
export const articlePage = (title: string, year: number, body: string, date = `${year}-05-01`) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><title>${title}</title></head><body><nav>首页</nav><article data-pagefind-body data-pagefind-filter="year:${year}, source:邵阳日报" data-pagefind-meta="date:${date}" data-pagefind-sort="date:${date}"><h1>${title}</h1><p>${body}</p></article></body></html>`;

export const BUILT_SITE_PAGES: Readonly<Record<string, string>> = {
  'articles/a/index.html': articlePage('县委书记调研乡村振兴', 2024, '调研组走访了五个村。'),
  'articles/b/index.html': articlePage('两会召开', 2024, '代表们审议政府工作报告。'),
  'articles/c/index.html': articlePage('养老服务中心启用', 2023, '中心可容纳一百名老人。'),
  'articles/d/index.html': articlePage('粮食安全检查', 2022, '检查组抽查了三个粮库。'),
  'articles/e/index.html': articlePage('数字经济论坛', 2022, '论坛吸引了三百名嘉宾。'),
  'archive/index.html': '<!DOCTYPE html><html lang="zh-CN"><body><h1>往期回顾</h1></body></html>',
  'feed.xml': '<rss></rss>',
};

/** At two pages a part, 2024's three pages make two parts of months: March, and May (two pages). */
export const MONTHS_SITE_PAGES: Readonly<Record<string, string>> = {
  'articles/spring/index.html': articlePage('春耕备耕', 2024, '农机下田。', '2024-03-02'),
  'articles/holiday/index.html': articlePage('五一假期', 2024, '游客增多。', '2024-05-01T09:00:00+08:00'),
  'articles/boats/index.html': articlePage('端午龙舟', 2024, '龙舟竞渡。', '2024-05-30'),
  'articles/care/index.html': articlePage('养老服务中心启用', 2023, '中心可容纳一百名老人。'),
  'archive/index.html': '<!DOCTYPE html><html lang="zh-CN"><body><h1>往期回顾</h1></body></html>',
};

/** Writes the site into `dir`; `pathnames` as Astro reports them. */
export function writeBuiltSite(dir: string, pages: Readonly<Record<string, string>> = BUILT_SITE_PAGES): { dir: string; pathnames: string[] } {
  for (const [file, html] of Object.entries(pages)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), html);
  }
  return { dir, pathnames: Object.keys(pages).map((file) => (file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file)) };
}
