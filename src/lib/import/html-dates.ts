/**
 * The publication date of a saved news page, from the evidence a reader would trust most
 * (issue 17):
 *
 * 1. the date printed in the article's header: beside the headline, the 来源 or the byline
 *    (`2017-10-17 09:41　来源：邵阳日报`, `发布时间：2017年10月17日 09:41`), or in a post
 *    header above the text;
 * 2. structured data: JSON-LD `datePublished` (and Baidu's `pubDate`), then meta tags
 *    (`article:published_time`, `pubdate`, `publishdate` …);
 * 3. a date printed after the article text;
 * 4. the page's address (`/2017-10/17/`, `/20171017/`, `t20171017_`), a day only.
 *
 * The sources are cross-checked and the review note says which won and why. Times without
 * an offset are the site's time zone (`toFrontmatterDate`), the convention of Chinese sites.
 */
import type { CheerioAPI } from 'cheerio';
import { parsePublishedDate, zonedParts } from '../dates.ts';
import { toFrontmatterDate, VISIBLE_DATE } from './html-meta.ts';
import type { ReviewNote } from './types.ts';
import { quoteForNote } from './note-quote.ts';

export interface DateEvidence {
  /** Frontmatter date: `2017-10-17T09:41+08:00` or `2017-10-17`. */
  date: string;
  /** Where it was read, for the review note: `the header line "…"`, `meta article:published_time`. */
  from: string;
}

/** `3 minutes`, `2 hours`, `8 days`, `2 years`: how far apart two dates are, for a note. */
function distance(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const [amount, unit] = minutes < 120 ? [minutes, 'minute'] : minutes < 48 * 60 ? [Math.round(minutes / 60), 'hour']
    : minutes < 730 * 1440 ? [Math.round(minutes / 1440), 'day'] : [Math.round(minutes / 525_960), 'year'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}

/**
 * A header's clock and a CMS's publication time commonly differ by minutes (sina prints
 * 19:55 for a meta 19:56:29); beyond an hour the two are different events, worth a note.
 */
const NOTED_DISAGREEMENT_MINUTES = 60;
/** The address's day may be the day the page was filed; more than this apart is reported. */
const NOTED_URL_DAYS = 1;

/** A label that makes the date after it an update, not the publication: `最后更新: 2019-09-07 09:27:48`. */
const UPDATE_LABEL = /(?:更新|修改|编辑)(?:时间|日期|于)?\s*[:：]?\s*$/;
/** Fields of a header line: a date beside one of these is the article's. */
const HEADER_FIELD = /来源|来自|出处|作者|记者|编辑|通讯员|浏览|阅读|点击|字号|人气|评论/;
const DATE_LABEL = /(?:发布|发表|出版|刊发|上传)?(?:时间|日期)\s*[:：]?\s*$|发[布表]于\s*$/;

/**
 * The date in one header line, or undefined when the line holds none or holds it in prose
 * (`2019年9月7日，华为发布…` is a sentence that starts with a date, not a dateline).
 */
export function dateInHeaderLine(text: string, timeZone: string): string | undefined {
  const match = VISIBLE_DATE.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  const after = text.slice(match.index + match[0].length);
  if (UPDATE_LABEL.test(before)) return undefined;
  if (/^\s*[，,、]/.test(after) || /[。！？]/.test(text)) return undefined;
  const dateline = before.trim() === '' || DATE_LABEL.test(before) || HEADER_FIELD.test(text) || text.length <= 40;
  return dateline ? toFrontmatterDate(match[0], timeZone) : undefined;
}

export interface HeaderLine {
  text: string;
  /** The line's text outside links; a date inside a link is another story's, unless the link is the date alone. */
  outsideLinks: string;
}

export function headerDate(lines: readonly HeaderLine[], timeZone: string): DateEvidence | undefined {
  for (const line of lines) {
    const linkIsTheDate = line.outsideLinks.trim() === '' && VISIBLE_DATE.exec(line.text)?.[0].length === line.text.trim().length;
    const text = linkIsTheDate ? line.text : line.outsideLinks;
    const date = dateInHeaderLine(text, timeZone);
    if (date !== undefined) return { date, from: `the header line "${quoteForNote(line.text)}"` };
  }
  return undefined;
}

/** The first date printed after the article text (`发布日期：2019-03-06 责任编辑：龙慧`), outside links. */
export function trailerDate(lines: readonly HeaderLine[], timeZone: string): DateEvidence | undefined {
  for (const line of lines) {
    const date = dateInHeaderLine(line.outsideLinks, timeZone);
    if (date !== undefined) return { date, from: `the line "${quoteForNote(line.text)}"` };
  }
  return undefined;
}

/** Meta tags that carry the publication time, in order of trust. */
const DATE_META = [
  'article:published_time', 'og:release_date', 'publishdate', 'pubdate', 'publish_date', 'publishtime',
  'publish-date', 'apub:time', 'datepublished', 'dc.date.issued', 'dc.date', 'date', 'release_date', 'weibo:article:create_at',
  // ifeng's own tag; gov.cn's CMS (`2007-08-20-23:59:59`, read as the day).
  'og:time', 'firstpublishedtime',
];
/** JSON-LD fields: schema.org's, then Baidu's (cambrian) `pubDate`. */
const JSON_LD_FIELDS = ['datePublished', 'pubDate', 'dateCreated'];

function jsonLdDates($: CheerioAPI): { field: string; value: string }[] {
  const found: { field: string; value: string }[] = [];
  $('script[type="application/ld+json"]').each((_, element) => {
    let data: unknown;
    try {
      data = JSON.parse($(element).text());
    } catch {
      return;
    }
    const items = Array.isArray(data) ? data : [data, ...((data as { '@graph'?: unknown[] })?.['@graph'] ?? [])];
    for (const item of items) {
      if (typeof item !== 'object' || item === null) continue;
      for (const field of JSON_LD_FIELDS) {
        const value = (item as Record<string, unknown>)[field];
        if (typeof value === 'string' && value.trim() !== '') found.push({ field, value: value.trim() });
      }
    }
  });
  return found;
}

export function structuredDate($: CheerioAPI, meta: Map<string, string>, timeZone: string): DateEvidence | undefined {
  for (const { field, value } of jsonLdDates($)) {
    const date = toFrontmatterDate(value, timeZone);
    if (date !== undefined) return { date, from: `JSON-LD ${field}` };
  }
  for (const key of DATE_META) {
    const value = meta.get(key);
    if (value === undefined) continue;
    const date = toFrontmatterDate(value, timeZone);
    if (date !== undefined) return { date, from: `meta ${key}` };
  }
  return undefined;
}

/** `/2017-10/17/`, `/2017-10-17/`, `/2017/10/17/`, `/20171017/`, `t20171017_`, `2017_10_17_`. */
const URL_DATE = [
  /\/((?:19|20)\d{2})-(\d{2})\/(\d{2})\//,
  /[/_-]((?:19|20)\d{2})[-_/](\d{2})[-_/](\d{2})(?=[/_.-])/,
  /(?:^|[/_.t-])((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-])/,
];

export function urlDate(url: string | undefined, timeZone: string): DateEvidence | undefined {
  if (url === undefined) return undefined;
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '');
  for (const pattern of URL_DATE) {
    const match = pattern.exec(path);
    if (!match) continue;
    const date = `${match[1]}-${match[2]}-${match[3]}`;
    if (parsePublishedDate(date, timeZone).ok) return { date, from: `the page's address (${url})` };
  }
  return undefined;
}

interface Moment {
  epochMs: number;
  hasTime: boolean;
  /** The calendar day in the site's time zone: `2017-10-17`. */
  day: string;
}

function momentOf(date: string, timeZone: string): Moment | undefined {
  const parsed = parsePublishedDate(date, timeZone);
  if (!parsed.ok) return undefined;
  const parts = zonedParts(parsed.value.epochMs, timeZone);
  const day = `${parts.year}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
  return { epochMs: parsed.value.epochMs, hasTime: parsed.value.hasTime, day };
}

const DAY_MS = 86_400_000;

export interface DateSources {
  header?: DateEvidence | undefined;
  structured?: DateEvidence | undefined;
  trailer?: DateEvidence | undefined;
  url?: DateEvidence | undefined;
}

/** Picks the date by the order above, refines it where the sources agree, and notes where they do not. */
export function chooseDate(sources: DateSources, timeZone: string): { date?: string; notes: ReviewNote[] } {
  const notes: ReviewNote[] = [];
  const note = (message: string) => notes.push({ field: 'date', message });
  const { header, structured, trailer, url } = sources;
  let chosen: DateEvidence | undefined;

  if (header) {
    chosen = header;
    const shown = momentOf(header.date, timeZone);
    const other = structured && momentOf(structured.date, timeZone);
    if (shown && other) {
      const minutesApart = Math.abs(shown.epochMs - other.epochMs) / 60_000;
      const sameMinute = Math.floor(shown.epochMs / 60_000) === Math.floor(other.epochMs / 60_000);
      if (shown.day === other.day && other.hasTime && (!shown.hasTime || sameMinute)) {
        // Same day (and the same minute, if the header has one): the structured date only adds precision.
        chosen = { date: structured!.date, from: `${header.from}, to the second by ${structured!.from}` };
      } else if (shown.day !== other.day || (shown.hasTime && other.hasTime && minutesApart > NOTED_DISAGREEMENT_MINUTES)) {
        const when = other.epochMs > shown.epochMs ? 'later' : 'earlier';
        note(`${header.from} gives ${header.date}; ${structured!.from} says ${structured!.date}, ${distance(other.epochMs - shown.epochMs)} ${when}. The header's date was used: it is the one readers saw, and a structured date that differs is often when the page was updated or saved; check it`);
      }
    }
  } else if (structured) {
    chosen = structured;
  } else if (trailer) {
    chosen = trailer;
    note(`the date ${trailer.date} was found after the article text (${trailer.from}), not under the headline; check it`);
  } else if (url) {
    chosen = url;
    note(`the page prints no date; the day ${url.date} was taken from ${url.from}; check it and add the time if it is known`);
  }

  if (chosen && url && chosen !== url) {
    const used = momentOf(chosen.date, timeZone);
    const fromUrl = momentOf(url.date, timeZone);
    if (used && fromUrl) {
      const days = Math.round(Math.abs(Date.parse(`${used.day}T00:00Z`) - Date.parse(`${fromUrl.day}T00:00Z`)) / DAY_MS);
      if (days > NOTED_URL_DAYS) note(`${url.from} says ${url.date}, ${days} days from the date used (${chosen.date}, from ${chosen.from}); check which is right`);
    }
  }
  if (!chosen) note('no publication date found (not in the header line, the structured data, after the text or in the address); add date: by hand');
  return chosen ? { date: chosen.date, notes } : { notes };
}
