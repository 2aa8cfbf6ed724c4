/**
 * What a news page says about itself outside the body: headline, meta tags, address, and
 * how a printed date is read. Which date wins is `html-dates.ts`'s business.
 */
import type { CheerioAPI } from 'cheerio';
import { parsePublishedDate } from '../dates.ts';
import { localDateToFrontmatter } from './local-date.ts';
import { compact, normalizeText } from './html-text.ts';

/** `name`/`property`/`itemprop`/`http-equiv` → content, lower-cased keys; the first occurrence wins. */
export function metaTags($: CheerioAPI): Map<string, string> {
  const tags = new Map<string, string>();
  $('meta').each((_, element) => {
    const key = (element.attribs['property'] ?? element.attribs['name'] ?? element.attribs['itemprop'] ?? '').trim().toLowerCase();
    const content = normalizeText(element.attribs['content'] ?? '');
    if (key !== '' && content !== '' && !tags.has(key)) tags.set(key, content);
  });
  return tags;
}

/** Separators sites put between the headline and their own name in `<title>`. */
const TITLE_SEPARATOR = /\s*(?:_|\||｜|--|——|-|–|—)\s*/;

/**
 * The headline. The `<title>` carries the site name (`…_网易新闻`, `…-新华网`) and `og:title`
 * is sometimes cut short (163 cuts at the first `！`), so the `<h1>` that matches the start
 * of either wins; otherwise `og:title`, otherwise `<title>` up to its first site separator.
 */
export function findTitle($: CheerioAPI, meta: Map<string, string>): { title: string; exact: boolean } | undefined {
  const pageTitle = normalizeText($('title').first().text());
  const ogTitle = meta.get('og:title') ?? meta.get('twitter:title') ?? '';
  const candidates: string[] = [];
  $('h1, h2, .title, .article-title, #title, .rich_media_title, .main-title').each((_, element) => {
    const text = normalizeText($(element).text());
    if (text !== '' && text.length <= 120) candidates.push(text);
  });
  const fullPage = compact(pageTitle);
  const og = compact(ogTitle);
  for (const text of candidates) {
    const key = compact(text);
    if (key.length < 4) continue;
    // The h1 may be the title cut by an ellipsis (`免...`): compare without it.
    const stem = key.replace(/(?:\.{3}|…+)$/, '');
    if (fullPage.startsWith(stem) || (og !== '' && (og.startsWith(stem) || stem.startsWith(og)))) {
      // Prefer the longer of h1 and og:title when one is a prefix of the other.
      if (og.length > key.length && og.startsWith(stem)) return { title: ogTitle, exact: true };
      return { title: text, exact: true };
    }
  }
  if (ogTitle !== '' && ogTitle.length >= 4) return { title: ogTitle, exact: fullPage.startsWith(og) };
  if (pageTitle !== '') {
    const first = pageTitle.split(TITLE_SEPARATOR)[0]?.trim() ?? '';
    if (first.length >= 4) return { title: first, exact: false };
    return { title: pageTitle, exact: false };
  }
  const heading = candidates[0];
  return heading === undefined ? undefined : { title: heading, exact: false };
}

/**
 * A date as a frontmatter string. ISO times with an offset keep it; local times (what
 * Chinese sites print) get the site's offset: Chinese news sites publish in Beijing time,
 * which is the site time zone, so this is the documented convention, not a guess.
 */
export function toFrontmatterDate(text: string, timeZone: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$/.exec(text.trim());
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    const offset = zone === 'Z' ? '+00:00' : zone!.includes(':') ? zone! : `${zone!.slice(0, 3)}:${zone!.slice(3)}`;
    const date = `${y}-${mo}-${d}T${h}:${mi}${s === undefined ? '' : `:${s}`}${offset}`;
    return parsePublishedDate(date, timeZone).ok ? date : undefined;
  }
  const local = localDateToFrontmatter(text, timeZone);
  return local.ok ? local.date : undefined;
}

/** A printed date: `2019-09-07 13:43:45`, `2019年09月07日 13:43`, `2019/9/7`. */
export const VISIBLE_DATE = /(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?)?/;

/** The canonical address of the page, when it says. */
export function pageUrl($: CheerioAPI, meta: Map<string, string>): string | undefined {
  const candidates = [
    $('link[rel="canonical"]').attr('href'),
    meta.get('og:url'),
    meta.get('twitter:url'),
    meta.get('url'),
    $('link[rel="alternate"][media]').attr('href'),
  ];
  for (const candidate of candidates) {
    const value = candidate?.trim();
    if (!value) continue;
    const absolute = value.startsWith('//') ? `https:${value}` : value;
    try {
      const url = new URL(absolute);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // Not an address; try the next candidate.
    }
  }
  return undefined;
}
