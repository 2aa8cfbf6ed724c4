/** A built site for the indexer's tests: five articles over three years, a listing page without a search body, and a feed. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const articlePage = (title: string, year: number, body: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><title>${title}</title></head><body><nav>首页</nav><article data-pagefind-body data-pagefind-filter="year:${year}, source:邵阳日报" data-pagefind-meta="date:${year}-05-01" data-pagefind-sort="date:${year}-05-01"><h1>${title}</h1><p>${body}</p></article></body></html>`;

export const BUILT_SITE_PAGES: Readonly<Record<string, string>> = {
  'articles/a/index.html': articlePage('县委书记调研乡村振兴', 2024, '调研组走访了五个村。'),
  'articles/b/index.html': articlePage('两会召开', 2024, '代表们审议政府工作报告。'),
  'articles/c/index.html': articlePage('养老服务中心启用', 2023, '中心可容纳一百名老人。'),
  'articles/d/index.html': articlePage('粮食安全检查', 2022, '检查组抽查了三个粮库。'),
  'articles/e/index.html': articlePage('数字经济论坛', 2022, '论坛吸引了三百名嘉宾。'),
  'archive/index.html': '<!DOCTYPE html><html lang="zh-CN"><body><h1>往期回顾</h1></body></html>',
  'feed.xml': '<rss></rss>',
};

/** Writes the site into `dir`; `pathnames` as Astro reports them. */
export function writeBuiltSite(dir: string): { dir: string; pathnames: string[] } {
  for (const [file, html] of Object.entries(BUILT_SITE_PAGES)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), html);
  }
  return { dir, pathnames: ['articles/a/', 'articles/b/', 'articles/c/', 'articles/d/', 'articles/e/', 'archive/', 'feed.xml'] };
}
