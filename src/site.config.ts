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
  /** The search page; `{query}` and `{count}` are replaced. */
  searchPage: {
    hint: string;
    count: string;
    /** Shown above results that hold the query's characters but not its words. */
    approximate: string;
    empty: string;
    emptyTips: string[];
    clearFilters: string;
    filters: string;
    filterLabels: { year: string; source: string; section: string; person: string };
    all: string;
    sortLabel: string;
    sortRelevance: string;
    sortNewest: string;
    more: string;
    failed: string;
    /** While older articles are still being searched; `{span}` is what the parts searched so far cover (`2025–2026 年`, `2008 年 7–12 月`). */
    newest: string;
    /** Above the pages titled exactly as the query, while the full text is still being searched. */
    titleMatch: string;
  };
  /** The results panel under the header's search box; `{query}`, `{count}` and `{span}` are replaced. */
  searchPanel: {
    /** The panel's accessible name. */
    label: string;
    searching: string;
    newest: string;
    /** Above the pages titled exactly as the query, while the full text is still being searched. */
    titleMatch: string;
    /** Announced with the results: how many, and how to reach them by keyboard. */
    count: string;
    empty: string;
    /** The link to the search page, with filters and every result. */
    all: string;
    failed: string;
  };
  footer: string;
  /** aria-label of the main navigation. */
  siteNavigation: string;
  /** aria-label of the pagination navigation. */
  pagination: string;
  /** aria-label of the breadcrumb trail. */
  breadcrumbs: string;
  /** `{year}` is replaced: `2017年`. */
  yearLabel: string;
  /** `{month}` is replaced: `10月`. */
  monthLabel: string;
  /** `{day}` is replaced: `17日`. */
  dayLabel: string;
  /** `{year}`, `{month}` are replaced. */
  yearMonthLabel: string;
  /** `{year}`, `{month}`, `{day}` are replaced. */
  fullDayLabel: string;
  /** `{month}`, `{day}` are replaced: the title of a 历史上的今天 page. */
  monthDayLabel: string;
  /** Calendar column heads, Monday first. */
  weekdays: [string, string, string, string, string, string, string];
  /** Heading of the table of contents. */
  tableOfContents: string;
  /** Label of the font-size switcher, and its three buttons, largest first. */
  fontSize: string;
  fontSizeLarge: string;
  fontSizeMedium: string;
  fontSizeSmall: string;
  share: string;
  copyLink: string;
  linkCopied: string;
  copyFailed: string;
  previousArticle: string;
  nextArticle: string;
  /** aria-label of the previous/next navigation. */
  articleNavigation: string;
  relatedArticles: string;
  citeThisArticle: string;
  /** Shown for the 引用日期 until the page script writes the reader's day. */
  accessDatePlaceholder: string;
  /** Heading of the corrections under an article. */
  corrections: string;
  /** Printed under an article: `{url}` is replaced. */
  printedFrom: string;
  /** Link to the article where it was first published. */
  originalArticle: string;
  section: string;
  tags: string;
  people: string;
  sources: string;
  sections: string;
  /** `{count}` and `{roles}` are replaced, on a person's page. */
  personSummary: string;
  /** Heading of the newest articles on a person, source, section or tag page. */
  latestOf: string;
  /** Heading of the list of years on a person, source, section or tag page. */
  byYear: string;
  onThisDay: string;
  onThisDayEmpty: string;
  /** Link to the 历史上的今天 page of every day. */
  onThisDayAll: string;
  feeds: string;
  /** `{section}` is replaced. */
  sectionFeed: string;
  /** Link from a day or month page to the days in the calendar. */
  calendar: string;
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
  /** How many articles each feed carries (the newest). */
  feedSize: number;
  /** How many related articles an article page lists. */
  relatedCount: number;
  /**
   * The most article pages one part of the search index holds. Pagefind's memory grows with
   * the text it indexes at once; parts are whole years (or months of a year too big for
   * one), merged in the reader's browser, and each extra part costs a query a few more small
   * requests, so both limits are raised when they would make more than 52 parts
   * (`partLimitsFor` in `src/lib/search/shards.ts`). `ANNALS_SEARCH_SHARD_PAGES` overrides
   * it (the test fixture uses it to exercise merging).
   */
  searchShardPages: number;
  /**
   * The most characters of article text (titles and bodies as written) one part of the
   * search index holds, unless one month alone is more. Pagefind's peak memory follows the
   * text: about 0.25 GB plus 0.45 GB per million characters on xwlb, so 3 million keeps a
   * part near 1.5 GB beside the build's own 1.1–1.3 GB. `ANNALS_SEARCH_PART_TEXT` overrides it.
   */
  searchPartText: number;
  /**
   * The most URLs one sitemap file lists: sitemaps.org's limit, 50,000, which search engines
   * enforce. `ANNALS_SITEMAP_URLS` lowers it (the test fixture splits its few pages with it).
   */
  sitemapUrls: number;
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
  feedSize: 20,
  relatedCount: 5,
  searchShardPages: Number(env['ANNALS_SEARCH_SHARD_PAGES'] ?? 10_000),
  searchPartText: Number(env['ANNALS_SEARCH_PART_TEXT'] ?? 3_000_000),
  sitemapUrls: Number(env['ANNALS_SITEMAP_URLS'] ?? 50_000),
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
    searchPage: {
      hint: '输入关键词，搜索全部文章的标题和正文；多个词用空格分开。繁体、简体均可。',
      count: '找到 {count} 篇包含“{query}”的文章',
      approximate: '没有文章包含完整的“{query}”，以下文章包含其中的字。',
      empty: '没有找到包含“{query}”的文章。',
      emptyTips: ['检查是否有错别字', '换一个说法，或只保留一个关键词', '用空格分开多个关键词'],
      clearFilters: '取消筛选条件再搜索',
      filters: '筛选结果',
      filterLabels: { year: '年份', source: '来源', section: '栏目', person: '人物' },
      all: '全部',
      sortLabel: '排序',
      sortRelevance: '相关度',
      sortNewest: '最新发布',
      more: '显示更多结果',
      failed: '搜索暂时无法使用（{message}），请稍后再试。',
      newest: '{span}的文章中找到 {count} 篇，正在检索更早的文章……',
      titleMatch: '找到标题相同的文章，正在检索全文……',
    },
    searchPanel: {
      label: '搜索结果',
      searching: '正在搜索……',
      newest: '{span}中找到 {count} 篇，正在检索更早的文章……',
      titleMatch: '找到标题相同的文章，正在检索全文……',
      count: '找到 {count} 篇。按下方向键浏览，Esc 关闭。',
      empty: '没有找到包含“{query}”的文章。',
      all: '在搜索页查看全部结果与筛选',
      failed: '搜索暂时无法使用，请按回车键打开搜索页。',
    },
    footer: '本站为新闻存档，文章版权归原作者及来源媒体所有。',
    siteNavigation: '站点导航',
    pagination: '分页',
    breadcrumbs: '当前位置',
    yearLabel: '{year}年',
    monthLabel: '{month}月',
    dayLabel: '{day}日',
    yearMonthLabel: '{year}年{month}月',
    fullDayLabel: '{year}年{month}月{day}日',
    monthDayLabel: '{month}月{day}日',
    weekdays: ['一', '二', '三', '四', '五', '六', '日'],
    tableOfContents: '目录',
    fontSize: '字体',
    fontSizeLarge: '大',
    fontSizeMedium: '中',
    fontSizeSmall: '小',
    share: '分享',
    copyLink: '复制链接',
    linkCopied: '链接已复制',
    copyFailed: '无法复制，请从地址栏复制链接',
    previousArticle: '上一篇',
    nextArticle: '下一篇',
    articleNavigation: '上一篇与下一篇',
    relatedArticles: '相关文章',
    citeThisArticle: '引用本文',
    accessDatePlaceholder: '引用日期',
    corrections: '更正',
    printedFrom: '本文网址：{url}',
    originalArticle: '原文链接',
    section: '栏目',
    tags: '标签',
    people: '人物',
    sources: '来源',
    sections: '栏目',
    personSummary: '共 {count} 篇，{roles}',
    latestOf: '最新文章',
    byYear: '按年份',
    onThisDay: '历史上的今天',
    onThisDayEmpty: '往年的今天没有存档文章。',
    onThisDayAll: '按日期查看历史上的今天',
    feeds: '订阅',
    sectionFeed: '订阅“{section}”栏目',
    calendar: '日历',
  },
};

/** Replaces `{name}` placeholders in a UI string. */
export function fillString(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
