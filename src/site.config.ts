/**
 * The one file a newsroom edits to adopt Annals (besides `content/`).
 *
 * Everything the templates print that is not article content comes from here, so a
 * Traditional-Chinese or English archive changes strings, not templates. Scripts
 * (import, new, lint:content) import this file too: the time zone that decides which
 * day a date-only article belongs to is the same in the build and in the tools.
 */

export interface SiteStrings {
  /** `<title>` suffix and masthead. */
  siteTitle: string;
  /** One line under the masthead and in feeds. */
  tagline: string;
  home: string;
  archive: string;
  search: string;
  searchPlaceholder: string;
  searchLabel: string;
  latestArticles: string;
  /** Label before the publication time in the article meta block. */
  published: string;
  /** Label before the source. */
  source: string;
  /** Label before the 责任编辑 name. */
  editor: string;
  /** Shown where a figure's photo was not kept in the archive. */
  photoMissing: string;
  previousPage: string;
  nextPage: string;
  /** `{page}` and `{pages}` are replaced. */
  pageOf: string;
  /** `{count}` is replaced. */
  articleCount: string;
  skipToContent: string;
  notFoundTitle: string;
  notFoundBody: string;
  noResults: string;
  footer: string;
}

export interface SiteConfig {
  /** The archive's name, as readers see it. */
  name: string;
  /** Absolute origin the site is published at, used for canonical URLs and feeds. */
  url: string;
  /** Path prefix when the site is not at the root of its origin (GitHub Pages project sites): `/` or `/repo/`. */
  base: string;
  /** BCP 47 language tag of the pages; Pagefind picks its segmenter from it. */
  locale: string;
  /** IANA time zone in which dates are shown and date-only articles are placed. */
  timeZone: string;
  /** Articles per page in every paginated listing. */
  pageSize: number;
  /** How many articles the home page lists. */
  homeSize: number;
  strings: SiteStrings;
}

/**
 * Deployments may move the site without editing this file (the GitHub Pages workflow
 * sets both); locally the defaults below apply.
 */
const env = typeof process === 'undefined' ? {} : process.env;

export const siteConfig: SiteConfig = {
  name: '邵阳新闻档案',
  url: env['ANNALS_SITE_URL'] ?? 'https://annals.example.org',
  base: env['ANNALS_BASE'] ?? '/',
  locale: 'zh-CN',
  timeZone: 'Asia/Shanghai',
  pageSize: 20,
  homeSize: 10,
  strings: {
    siteTitle: '邵阳新闻档案',
    tagline: '县域新闻，完整存档',
    home: '首页',
    archive: '往期回顾',
    search: '搜索',
    searchPlaceholder: '搜索标题、正文、人名',
    searchLabel: '站内搜索',
    latestArticles: '最新文章',
    published: '时间',
    source: '来源',
    editor: '责任编辑',
    photoMissing: '（图片缺失）',
    previousPage: '上一页',
    nextPage: '下一页',
    pageOf: '第 {page} 页，共 {pages} 页',
    articleCount: '共 {count} 篇',
    skipToContent: '跳到正文',
    notFoundTitle: '页面不存在',
    notFoundBody: '您要找的页面不存在或已移动。可以从首页或往期回顾重新查找。',
    noResults: '没有找到相关文章。',
    footer: '本站为新闻存档，文章版权归原作者及来源媒体所有。',
  },
};

/** Replaces `{name}` placeholders in a UI string. */
export function fillString(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
