/**
 * A whole saved site → the articles to write (issue 17, item 4). Pure: the pages come in as
 * bytes with their paths inside the copy; `scripts/import.ts` reads the folder, writes the
 * files, keeps the manifest and writes the report.
 *
 * 1. Every page is classified (`page-kind.ts`): index, tag and list pages, search results
 *    and error pages are skipped, each with its reason.
 * 2. Files that are one address (`a.html` and `a.html?from=timeline`, `xxrb.cn/a.html` and
 *    `www.xxrb.cn/a.html`) are one page: the first is read, the others are duplicates.
 * 3. Continuation pages (`a_2.html`, `?page=2`, a 下一页 link, a numbered pager) with the
 *    same headline are merged, in page order, into the first page's article.
 * 4. Articles that are the same story reached another way (the address the page declares,
 *    a print version, a second capture) are recognised by their headline plus a shared
 *    address or the same paragraphs; the fullest non-print copy is kept.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { decodeHtml } from './decode.ts';
import { ImportError } from './errors.ts';
import { SHORT_BODY, importHtmlPage } from './html.ts';
import { findTitle, metaTags, pageUrl } from './html-meta.ts';
import { compact } from './html-text.ts';
import { classifyPage } from './page-kind.ts';
import type { SiteProfile } from './site-profile.ts';
import { addressKey, addressOfSavedFile, addressOfUrl, isPrintVersion, linkTarget, previousPageAddresses, type PageAddress } from './site-pages.ts';
import type { ImportedArticle, ReviewNote } from './types.ts';

export interface SavedPage {
  /** Path inside the saved copy, with forward slashes: `www.xxrb.cn/news/a.html`. */
  file: string;
  bytes: Uint8Array;
}

export interface SiteImportOptions {
  /** The host, when the copy's own folder is named after it (`mirror/www.xxrb.cn`). */
  siteHost?: string;
  /** How errors and notes name a file (default: its path inside the copy). */
  displayName?: (file: string) => string;
  /** The profile of the site a page belongs to (`site-profile.ts`), if the newsroom wrote one. */
  profileFor?: (file: string, address: PageAddress, declaredUrl: string | undefined) => SiteProfile | undefined;
}

export interface SiteArticle {
  /** The page's address key: what the manifest remembers between runs. */
  key: string;
  /** The pages it was read from, first page first. */
  files: string[];
  article: ImportedArticle;
}

export interface SitePlan {
  articles: SiteArticle[];
  skipped: { file: string; reason: string }[];
  /** Articles read from more than one page: the pages, first page first. */
  merged: { files: string[] }[];
  duplicates: { file: string; sameAs: string; why: string }[];
  errors: { file: string; message: string }[];
}

interface ReadPage {
  file: string;
  address: PageAddress;
  key: string;
  headline: string;
  declared: PageAddress | undefined;
  /** Pages this one links to as its next page (下一页). */
  nextLinks: PageAddress[];
  /** Pages this one's pager numbers: page number → address. */
  numbered: [number, PageAddress][];
  article: ImportedArticle;
  print: boolean;
}

/** Link text of a next-page link; 下一篇 is the next article, not the next page. */
const NEXT_PAGE = /^(?:下一页|下页|后一页|下一頁|next(?:\s*page)?|next\s*[›»>]|[›»]|>>?)$/i;
/** Where sites put the numbered links to an article's pages. */
const PAGER = '[class*="page" i], [id*="page" i], [class*="pager" i], [class*="fenye" i], [id*="fenye" i], [class*="pagination" i]';

/** A headline without the page number some CMSes add to later pages: `（2）`, `(第2页)`, `(2/3)`. */
export function headlineKey(title: string): string {
  return compact(title)
    .replace(/(?:\.{3}|…+)$/, '')
    .replace(/[（(](?:第?[0-9一二三四五六七八九十]{1,3}页|[0-9]{1,2}(?:\/[0-9]{1,2})?)[)）]$|第[0-9一二三四五六七八九十]{1,3}页$/, '');
}

function sameHeadline(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 6 && long.startsWith(short);
}

function readLinks($: CheerioAPI, page: { file: string; address: PageAddress }, siteHost: string | undefined, paginationSelector: string | undefined) {
  const nextLinks: PageAddress[] = [];
  const numbered: [number, PageAddress][] = [];
  $('a[href]').each((_, element) => {
    const text = compact($(element).text());
    const href = $(element).attr('href') ?? '';
    if (NEXT_PAGE.test(text)) {
      const target = linkTarget(href, page.file, page.address, siteHost);
      if (target) nextLinks.push(target);
    }
  });
  const pagers = paginationSelector === undefined ? $(PAGER) : $(paginationSelector);
  pagers.find('a[href]').each((_, element) => {
    const text = compact($(element).text()).replace(/^\[(\d+)\]$/, '$1');
    if (!/^\d{1,2}$/.test(text)) return;
    const target = linkTarget($(element).attr('href') ?? '', page.file, page.address, siteHost);
    if (target) numbered.push([Number(text), target]);
  });
  return { nextLinks, numbered };
}

const CONTINUES = /continues on (?:further pages|a next page)/;
const SHORT_BODY_NOTE = /^the body is only \d+ characters/;

function bodyLength(article: ImportedArticle): number {
  return article.blocks.reduce((sum, block) => sum + (block.kind === 'figure' ? 0 : compact(block.text).length), 0);
}

/** The first page's article with the later pages' text appended; credits a later page adds fill what the first lacked. */
function mergePages(pages: readonly ReadPage[]): ImportedArticle {
  const [first, ...rest] = pages;
  const article: ImportedArticle = { ...first!.article, authors: [...first!.article.authors], blocks: [...first!.article.blocks] };
  let notes: ReviewNote[] = first!.article.notes.filter((note) => !CONTINUES.test(note.message) && !SHORT_BODY_NOTE.test(note.message));
  const titleKey = compact(article.title);
  for (const page of rest) {
    const part = page.article;
    const seen = new Set(article.blocks.map((block) => (block.kind === 'figure' ? `figure:${block.imageUrl ?? block.caption}` : compact(block.text))));
    // A later page may repeat the headline and the last paragraph of the page before it.
    for (const block of part.blocks) {
      const key = block.kind === 'figure' ? `figure:${block.imageUrl ?? block.caption}` : compact(block.text);
      if (key === titleKey || (seen.has(key) && key !== '')) continue;
      article.blocks.push(block);
    }
    for (const credit of part.authors) {
      if (!article.authors.some((known) => known.name === credit.name)) {
        if (article.authors.length === 0) notes = notes.filter((note) => note.field !== 'authors');
        article.authors.push(credit);
      }
    }
    if (article.editor === undefined && part.editor !== undefined) {
      article.editor = part.editor;
      notes = notes.filter((note) => note.field !== 'editor');
    }
    if (article.date === undefined && part.date !== undefined) {
      article.date = part.date;
      notes = notes.filter((note) => note.field !== 'date');
    }
    if (article.source === undefined && part.source !== undefined) {
      article.source = part.source;
      notes = notes.filter((note) => note.field !== 'source');
    }
    // What the later page's reader could not confirm (its photos, unreadable lines) still needs an editor.
    notes.push(...part.notes.filter((note) => (note.field === 'figures' || note.field === 'body') && !CONTINUES.test(note.message) && !SHORT_BODY_NOTE.test(note.message)));
  }
  const length = bodyLength(article);
  if (length < SHORT_BODY) notes.push({ field: 'body', message: `the body is only ${length} characters over ${pages.length} pages; check that the whole article was found` });
  article.notes = notes;
  return article;
}

function paragraphs(article: ImportedArticle): Set<string> {
  return new Set(article.blocks.filter((block) => block.kind === 'paragraph').map((block) => compact(block.text)).filter((text) => text.length >= 10));
}

/** The share of the shorter article's paragraphs that the other one has too. */
function overlap(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const text of small) if (large.has(text)) shared++;
  return shared / small.size;
}
/** Two copies share this share of their paragraphs or more: the same text. */
const SAME_TEXT = 0.8;

export function planSiteImport(pages: readonly SavedPage[], options: SiteImportOptions = {}): SitePlan {
  const name = options.displayName ?? ((file: string) => file);
  const plan: SitePlan = { articles: [], skipped: [], merged: [], duplicates: [], errors: [] };
  const byKey = new Map<string, ReadPage>();
  const read: ReadPage[] = [];

  for (const page of [...pages].sort((a, b) => a.file.localeCompare(b.file))) {
    const address = addressOfSavedFile(page.file, options.siteHost);
    const key = addressKey(address);
    let $: CheerioAPI;
    try {
      $ = cheerio.load(decodeHtml(page.bytes).text);
    } catch (error) {
      plan.errors.push({ file: page.file, message: `${name(page.file)}: ${(error as Error).message}` });
      continue;
    }
    const earlier = byKey.get(key);
    if (earlier) {
      plan.duplicates.push({ file: page.file, sameAs: earlier.file, why: `the same address as ${earlier.file} once tracking parameters (from=, utm_…, spm=), www. and index.html are set aside` });
      continue;
    }
    const verdict = classifyPage($, address);
    if (verdict.kind !== 'article') {
      plan.skipped.push({ file: page.file, reason: verdict.reason ?? verdict.kind });
      continue;
    }
    const meta = metaTags($);
    const declaredUrl = pageUrl($, meta);
    const profile = options.profileFor?.(page.file, address, declaredUrl);
    let article: ImportedArticle;
    try {
      article = importHtmlPage(page.bytes, name(page.file), profile === undefined ? {} : { profile });
    } catch (error) {
      if (error instanceof ImportError) {
        // The page has no text of an article after all: a list, a gallery, a form.
        if (/no article (?:body|text) found|has no title/.test(error.message)) plan.skipped.push({ file: page.file, reason: error.message });
        else plan.errors.push({ file: page.file, message: error.format() });
      } else {
        plan.errors.push({ file: page.file, message: `${name(page.file)}: ${error instanceof Error ? error.stack ?? error.message : String(error)}` });
      }
      continue;
    }
    const entry: ReadPage = {
      file: page.file, address, key,
      headline: headlineKey(findTitle($, meta)?.title ?? article.title),
      declared: declaredUrl === undefined ? undefined : addressOfUrl(declaredUrl),
      ...readLinks($, { file: page.file, address }, options.siteHost, profile?.pagination?.selector),
      article,
      print: isPrintVersion(address),
    };
    byKey.set(key, entry);
    read.push(entry);
  }

  // Continuation pages: union the pages of one article, then order them.
  const parent = new Map<ReadPage, ReadPage>();
  const root = (page: ReadPage): ReadPage => {
    let at = page;
    while (parent.has(at)) at = parent.get(at)!;
    return at;
  };
  const join = (a: ReadPage, b: ReadPage) => {
    const [ra, rb] = [root(a), root(b)];
    if (ra !== rb) parent.set(rb, ra);
  };
  const previous = new Map<ReadPage, ReadPage>();
  const number = new Map<ReadPage, number>();
  const find = (address: PageAddress) => byKey.get(addressKey(address));
  for (const page of read) {
    const numbered = previousPageAddresses(page.address);
    const before = numbered?.previous.map(find).find((candidate) => candidate !== undefined && candidate !== page && sameHeadline(candidate.headline, page.headline));
    if (before) {
      previous.set(page, before);
      join(before, page);
    }
    for (const link of page.nextLinks) {
      const next = find(link);
      if (next && next !== page && sameHeadline(next.headline, page.headline)) {
        if (!previous.has(next)) previous.set(next, page);
        join(page, next);
      }
    }
    for (const [n, link] of page.numbered) {
      const target = find(link);
      if (target && sameHeadline(target.headline, page.headline)) {
        number.set(target, n);
        if (target !== page) join(page, target);
      }
    }
  }
  const depth = (page: ReadPage): number => {
    let count = 1;
    const seen = new Set<ReadPage>([page]);
    for (let at = previous.get(page); at && !seen.has(at); at = previous.get(at)) {
      seen.add(at);
      count++;
    }
    return count;
  };
  const groups = new Map<ReadPage, ReadPage[]>();
  for (const page of read) {
    const head = root(page);
    groups.set(head, [...(groups.get(head) ?? []), page]);
  }

  interface Candidate { pages: ReadPage[]; article: ImportedArticle; aliases: Set<string>; text: Set<string> }
  const candidates: Candidate[] = [];
  for (const members of groups.values()) {
    const ordered = members
      .map((page) => ({ page, order: number.get(page) ?? depth(page) }))
      .sort((a, b) => a.order - b.order || a.page.file.localeCompare(b.page.file))
      .map(({ page }) => page);
    const article = ordered.length === 1 ? ordered[0]!.article : mergePages(ordered);
    if (ordered.length > 1) plan.merged.push({ files: ordered.map((page) => page.file) });
    const aliases = new Set(ordered.map((page) => page.key));
    const declared = ordered[0]!.declared;
    if (declared) aliases.add(addressKey(declared));
    candidates.push({ pages: ordered, article, aliases, text: paragraphs(article) });
  }

  // The same article reached another way: same headline, and a shared address or the same text.
  const byHeadline = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = candidate.pages[0]!.headline;
    byHeadline.set(key, [...(byHeadline.get(key) ?? []), candidate]);
  }
  const dropped = new Set<Candidate>();
  const preference = (candidate: Candidate) => [
    candidate.pages[0]!.print ? 1 : 0,
    (candidate.article.date === undefined ? 1 : 0) + (candidate.article.source === undefined ? 1 : 0),
    -candidate.pages.length,
    -bodyLength(candidate.article),
  ];
  const better = (a: Candidate, b: Candidate) => {
    const [pa, pb] = [preference(a), preference(b)];
    for (let index = 0; index < pa.length; index++) if (pa[index] !== pb[index]) return pa[index]! < pb[index]!;
    return a.pages[0]!.file.localeCompare(b.pages[0]!.file) <= 0;
  };
  for (const group of byHeadline.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i]!, group[j]!];
        if (dropped.has(a) || dropped.has(b)) continue;
        const sharedAddress = [...a.aliases].some((alias) => b.aliases.has(alias));
        const sameText = overlap(a.text, b.text) >= SAME_TEXT;
        if (!sharedAddress && !sameText) continue;
        const [kept, other] = better(a, b) ? [a, b] : [b, a];
        dropped.add(other);
        const keptFile = kept.pages[0]!.file;
        const why = other.pages[0]!.print
          ? `the print version of ${keptFile}`
          : sharedAddress
            ? `the same page as ${keptFile}: it declares or has the same address`
            : `the same headline and text as ${keptFile}`;
        for (const page of other.pages) plan.duplicates.push({ file: page.file, sameAs: keptFile, why });
        // A duplicate that was itself a merged article is reported as a duplicate only.
        plan.merged = plan.merged.filter((merge) => merge.files[0] !== other.pages[0]!.file);
      }
    }
  }
  for (const candidate of candidates) {
    if (dropped.has(candidate)) continue;
    plan.articles.push({ key: candidate.pages[0]!.key, files: candidate.pages.map((page) => page.file), article: candidate.article });
  }
  plan.articles.sort((a, b) => a.files[0]!.localeCompare(b.files[0]!));
  return plan;
}
