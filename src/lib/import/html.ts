/**
 * Saved news pages (`.html` as the browser or a crawler stored them) → `ImportedArticle`.
 *
 * The page is decoded (`decode.ts`), the body container found (`html-body.ts`) and read as
 * lines and images. The header (the lines from the headline to the lead, whether inside the
 * body's container or not) and the sign-off just after the body are read for metadata:
 * the date by the order in `html-dates.ts`, the people credited from bylines and role
 * labels only (`html-bylines.ts`, `html-credits.ts`, `person-name.ts`; issue 17). Body
 * text is kept verbatim, including a lead's dateline and bracketed byline, as the
 * text-capture importer keeps it; lines that are only a byline, an editor credit or site
 * furniture are removed.
 *
 * Times without an offset are read as Beijing time (the site's zone): Chinese news sites
 * publish in it, so that is the convention, not a guess, and gets no review note.
 *
 * A site profile (`site-profile.ts`, issue 17 item 3) says where its template prints each
 * field; a field it gives is read there first, and the rules above find the others. Names
 * a profile points at still pass the name check: a profile says where, not who.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { siteConfig } from '../../site.config.ts';
import { decodeHtml } from './decode.ts';
import { ImportError } from './errors.ts';
import { findBody, readBlocks, type RawBlock } from './html-body.ts';
import { bylineInLead, bylineOfLine, bylinesInHeaderLine, editorLineOf, editorsIn, slashByline, SLASH_BYLINE, type ParsedByline } from './html-bylines.ts';
import { collectCredits, readCreditLine, type CreditLine } from './html-credits.ts';
import { chooseDate, dateInHeaderLine, headerDate, structuredDate, trailerDate, urlDate, type DateEvidence } from './html-dates.ts';
import { findTitle, metaTags, pageUrl, toFrontmatterDate, VISIBLE_DATE } from './html-meta.ts';
import { compact } from './html-text.ts';
import { checkPersonName, splitPeople } from './person-name.ts';
import { quoteForNote } from './note-quote.ts';
import { readRule, type SiteProfile } from './site-profile.ts';
import type { ImportedArticle, ImportedBlock, ReviewNote } from './types.ts';

/** Below this many characters of body text the page is probably not an article, or the body was missed. */
export const SHORT_BODY = 200;
/** Headings are this short or shorter; longer bold lines are emphasised paragraphs. */
const HEADING_MAX = 30;
/** How many lines before the body the header may span. */
const HEADER_LINES = 20;

/** Lines at which the article has ended and the site's furniture begins. */
const END_OF_ARTICLE = [
  /^[【\[]?\s*(?:相关(?:阅读|新闻|链接|文章|报道|推荐|内容)|延伸阅读|推荐阅读|热门推荐|热点推荐|猜你喜欢|更多精彩|精彩推荐|往期回顾|往期推荐|今日推荐)\s*[】\]]?\s*[:：]?$/,
  /^(?:上一篇|下一篇)\s*[:：]/,
  /^(?:本文|本篇)?(?:版权声明|免责声明)/,
];

/** Lines that are site furniture wherever they stand. */
const FURNITURE_LINE = [
  /^(?:分享到|分享至|分享)\s*[:：]?/,
  /^点击(?:进入|查看|阅读|下载|关注|收听)/,
  /^[【\[]?\s*(?:打印本页|关闭窗口|返回顶部|返回首页|(?:字号|字体)\s*[:：]?\s*大|举报|纠错)/,
  /^(?:copyright|©)/i,
  /版权所有|All Rights Reserved|未经(?:书面)?授权[^。]*(?:转载|使用)|转载请注明|禁止转载/i,
  /^(?:扫一扫|扫描二维码|长按(?:识别)?二维码|关注(?:我们|微信公众号))/,
  /^(?:文章|原文)?(?:来源|原标题)\s*[:：]/,
  /^[（(]?本文(?:来源|来自|转载自|系)/,
  /^[+＋]?\d{0,3}$/,
  /^(?:#[^#\s]+#?\s*){2,}$/,
  /^(?:\(|（)?(?:本文|文章)?(?:作者|编辑)?(?:系|为)?[^。]{0,20}(?:原创稿|独家稿)(?:\)|）)?$/,
  /^[【\[]?(?:编辑|责编|审核|审校)[】\]]?\s*[:：]?\s*$/,
  /^(?:返回|更多)\S{0,6}(?:>>|》》)/,
  /^(?:\d+\s*)?(?:赞|评论|收藏|阅读|点赞|在看)\s*\d*$/,
];

/** Things only captions say: 图为, a photographer's credit, a position in the photo. */
const CAPTION_CUE = /视觉中国|东方IC|图虫|IC photo|资料图?$|^图[为：:]|^(?:上|下|左|右)?图[为：:]|^▲|图片来源|图片由|资料图|供图|摄影[：:]|摄[)）]?$|摄\s*[)）]?\s*$|[(（](?:前排|后排|左|右|中)[^()（）]{0,6}[)）]|[(（](?:新华社|中新社|图|资料)[^()（）]*[)）]$|^[(（]?图片?[)）]?$/;
/** A body sentence ends like this; a heading does not. */
const FINAL_PUNCTUATION = /[。！？!?；;，,：:…”’」』）)》]$/;

interface Line {
  text: string;
  block: RawBlock;
}

function isFurnitureLine(text: string): boolean {
  return FURNITURE_LINE.some((pattern) => pattern.test(text));
}

function isEndOfArticle(text: string): boolean {
  return END_OF_ARTICLE.some((pattern) => pattern.test(text));
}

function absoluteUrl(src: string, base: string | undefined): string | undefined {
  try {
    const url = src.startsWith('//') ? new URL(`https:${src}`) : new URL(src, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The lines of the whole page, for finding the header and the trailer around the body. */
function pageLines($: CheerioAPI): RawBlock[] {
  const body = $('body');
  return body.length > 0 ? readBlocks($, body, { markFurniture: true }) : [];
}

/** A block as a line to read bylines and dates from; images have none. */
function lineOf(block: RawBlock): CreditLine[] {
  if (block.kind === 'image') return [];
  return [{ text: block.text, outsideLinks: block.kind === 'line' ? block.outsideLinks : block.text }];
}

/**
 * The first line of the article's text at or after the body container's start: the
 * headline, a date line, a byline or a 来源 line may stand inside the container before it
 * (WordPress post headers, regional CMSes), and they belong to the header.
 */
function findLead(all: readonly RawBlock[], bodyStart: number, isTitle: (text: string) => boolean, timeZone: string): number {
  for (let index = bodyStart; index < Math.min(all.length, bodyStart + HEADER_LINES); index++) {
    const block = all[index]!;
    if (block.kind !== 'line' || block.furniture || block.linked) continue;
    const text = block.text;
    if (text.length < 10 || isTitle(text) || isFurnitureLine(text)) continue;
    if (text.length <= 80 && (dateInHeaderLine(text, timeZone) !== undefined || sourceIn(` ${text}`) !== undefined || bylineOfLine(text) || bylinesInHeaderLine(text) || editorsIn(text))) continue;
    return index;
  }
  return bodyStart;
}

/** Where the sign-off after the text gives way to lists of other stories. */
const SIGN_OFF_END = /^(?:作者)?最近(?:文章|发表)|^(?:最新|热门|热点|推荐|排行|标签|网友评论|精彩评论|热门评论)/;

/** The sign-off: the lines after the text up to the site's lists of links. */
function signOff(lines: readonly CreditLine[]): CreditLine[] {
  const end = lines.findIndex((line) => line.outsideLinks.trim() === '' || isEndOfArticle(line.text) || SIGN_OFF_END.test(line.text));
  return end === -1 ? [...lines] : lines.slice(0, end);
}

function textOf(block: RawBlock): string {
  return block.kind === 'image' ? '' : block.text;
}

/** `来源：新华社`, `来源: 人民网-文化频道`; the value stops at the next field of the header line. */
const SOURCE_IN_LINE = /(?:^|\s|　|\||】|\])(?:来源|来自|出处)\s*[:：]\s*([^\s|｜　【】\[\]]+)/;
/** Furniture that runs into the source name when the header wraps: `长江网调整字体`, `新京报举报`. */
const AFTER_SOURCE = /(?:调整字体|字号|字体|举报|打印|分享|收藏|评论|作者|编辑|责任编辑|记者|时间|发布时间|浏览|阅读|点击|参与).*$/;

function sourceIn(text: string): string | undefined {
  const match = SOURCE_IN_LINE.exec(text);
  const value = match?.[1]?.replace(/[（(].*$/, '').replace(/[\s⋅·•|｜]+$/, '').replace(AFTER_SOURCE, '').trim();
  return value ? value : undefined;
}

export interface HtmlImportOptions {
  /** The profile of the page's site, if the newsroom wrote one. */
  profile?: SiteProfile;
}

export function importHtmlPage(bytes: Uint8Array, fileName: string, options: HtmlImportOptions = {}): ImportedArticle {
  if (bytes.length === 0 || new TextDecoder('latin1').decode(bytes).trim() === '') {
    throw new ImportError(fileName, 'the file is empty; nothing to import');
  }
  let decoded;
  try {
    decoded = decodeHtml(bytes);
  } catch (error) {
    throw new ImportError(fileName, (error as Error).message);
  }
  const $ = cheerio.load(decoded.text);
  const notes: ReviewNote[] = [];
  const timeZone = siteConfig.timeZone;
  const meta = metaTags($);
  if (decoded.note) notes.push({ field: 'encoding', message: decoded.note });

  const profile = options.profile;
  const found = profileBody($, profile) ?? findBody($);
  if (!found) {
    throw new ImportError(fileName, 'no article body found: the page has no block of running text; it may be an index, search or error page rather than a news article');
  }
  const profileTitle = readRule($, profile?.title)[0];
  const titleFound = profileTitle === undefined ? findTitle($, meta) : { title: profileTitle, exact: true };
  if (!titleFound) throw new ImportError(fileName, 'the page has no title (no <title>, og:title or <h1>); is it a news page?');
  const title = titleFound.title;
  if (!titleFound.exact) notes.push({ field: 'title', message: `the headline was taken from the page's <title> minus the site's suffix; check it: ${title}` });

  const url = pageUrl($, meta);
  const bodyBlocks = readBlocks($, found.container);

  // Header and trailer: the page's lines from the headline to the lead (inside the body's
  // container or not, share boxes included: some pages date the article there) and just
  // after the body (the sign-off, up to the related links).
  const all = pageLines($);
  const bodyTexts = bodyBlocks.map(textOf).filter((text) => text !== '');
  const isArticleLine = (block: RawBlock) => block.kind !== 'line' || !block.furniture;
  let bodyStart = bodyTexts[0] === undefined ? -1 : all.findIndex((block) => isArticleLine(block) && textOf(block) === bodyTexts[0]);
  const titleKey = compact(title).replace(/(?:\.{3}|…+)$/, '');
  const isTitle = (text: string) => {
    const key = compact(text);
    return key.length >= 4 && (key.startsWith(titleKey) || titleKey.startsWith(key));
  };
  const leadIndex = bodyStart === -1 ? -1 : findLead(all, bodyStart, isTitle, timeZone);
  const headerEnd = leadIndex === -1 ? bodyStart : leadIndex;
  let titleIndex = -1;
  for (let index = 0; index < (headerEnd === -1 ? all.length : headerEnd); index++) {
    if (isTitle(textOf(all[index]!))) titleIndex = index;
  }
  if (bodyStart === -1) bodyStart = titleIndex + 1;
  const end = headerEnd === -1 ? bodyStart : headerEnd;
  const headerFrom = titleIndex >= 0 && end - titleIndex <= HEADER_LINES * 2 ? titleIndex + 1 : Math.max(0, end - HEADER_LINES);
  const headerLines: CreditLine[] = all.slice(headerFrom, end).flatMap(lineOf);
  const header = headerLines.map((line) => line.text);
  let bodyEnd = -1;
  const lastBodyText = bodyTexts.at(-1);
  if (lastBodyText !== undefined) {
    for (let index = all.length - 1; index >= bodyStart; index--) {
      if (isArticleLine(all[index]!) && textOf(all[index]!) === lastBodyText) {
        bodyEnd = index;
        break;
      }
    }
  }
  const trailerLines = bodyEnd === -1 ? [] : all.slice(bodyEnd + 1, bodyEnd + 12).filter(isArticleLine).flatMap(lineOf);
  const trailer = trailerLines.map((line) => line.text);
  const signOffLines = signOff(trailerLines);

  const credits = collectCredits();

  // Publication time: the header, structured data, the lines after the body, the address.
  const chosenDate = chooseDate({
    header: profileDate($, profile, timeZone, notes) ?? headerDate(headerLines, timeZone),
    structured: structuredDate($, meta, timeZone),
    trailer: trailerDate(trailerLines, timeZone),
    url: urlDate(url, timeZone),
  }, timeZone);
  const date = chosenDate.date;

  // Source: where the profile says, the header's 来源, meta source tags, then the site's own name.
  let sourceName: string | undefined = profileSource($, profile);
  for (const text of sourceName === undefined ? header : []) {
    sourceName = sourceIn(text);
    if (sourceName) break;
  }
  sourceName ??= sourceElement($);
  sourceName ??= ['source', 'contentsource', 'og:source', 'article:source']
    .map((key) => meta.get(key)?.replace(/^来源\s*[:：]\s*/, '').replace(/\s+原创稿$/, '').trim())
    .find((value) => value !== undefined && value !== '');
  let sourceFromSite = false;
  // The newsroom's word that the site itself is the source needs no note.
  sourceName ??= profile?.source?.site;
  if (sourceName === undefined) {
    sourceName = meta.get('og:site_name') ?? meta.get('application-name');
    sourceFromSite = sourceName !== undefined;
  }

  // Bylines where the profile says; otherwise in the header and sign-off lines.
  const profileBylines = readProfileCredits($, profile, credits);
  for (const line of [...headerLines, ...signOffLines]) {
    const inHeader = headerLines.includes(line);
    const editorLine = profileBylines.editor ? undefined : readCreditLine(line, editorLineOf);
    if (editorLine) credits.take(editorLine, line.text);
    const slashed = inHeader && !profileBylines.byline ? readCreditLine(line, slashByline) : undefined;
    if (slashed) {
      credits.take(slashed, line.text);
      if (slashed.rejected.length === 0) sourceName ??= SLASH_BYLINE.exec(line.outsideLinks.trim())?.[2];
      continue;
    }
    if (profileBylines.byline) continue;
    const byline = readCreditLine(line, (text) => bylineOfLine(text) ?? bylinesInHeaderLine(text));
    if (byline) credits.take(byline, line.text);
  }

  // The body: drop furniture and byline-only lines, pair photos with captions, find headings.
  const lines: Line[] = [];
  for (const block of bodyBlocks) lines.push({ text: textOf(block), block });
  const blocks: ImportedBlock[] = [];
  const unreadBylines: string[] = [];
  const profileCaptions = new Set(readRule($, profile?.captions).map(compact));
  const pagerLines = new Set(readRule($, profile?.pagination).map(compact));
  let ended = false;
  let leadSeen = false;
  let leadChecked = false;
  for (let index = 0; index < lines.length && !ended; index++) {
    const { block, text } = lines[index]!;
    if (block.kind === 'image') {
      const imageUrl = absoluteUrl(block.src, url);
      if (/(?:icon|logo|emoji|qrcode|erweima|share|avatar|weixin_?code|next_?page|prev_?page|\.gif$)/i.test(block.src)) continue;
      const next = lines[index + 1];
      if (next && next.block.kind === 'line' && (profileCaptions.has(compact(next.text)) || isCaption(next.block))) {
        blocks.push({ kind: 'figure', caption: next.text, ...(imageUrl ? { imageUrl } : {}) });
        index++;
      } else {
        blocks.push({ kind: 'figure', caption: '', ...(imageUrl ? { imageUrl } : {}) });
      }
      if (!imageUrl) notes.push({ field: 'figures', message: `a photo's address (${block.src}) is relative and the page does not say its own address; find the photo by hand` });
      continue;
    }
    const key = compact(text);
    if (key === '') continue;
    if (/^[\ufffd\s]+$/.test(text)) {
      notes.push({ field: 'body', message: `a line of ${key.length} unreadable characters (U+FFFD, lost when the page was saved) was left out` });
      continue;
    }
    if (isEndOfArticle(text)) {
      // 相关新闻 at the top (sina puts it before the lead) only opens a list of links; at the end it closes the article.
      const textAfter = lines.slice(index + 1).reduce((sum, line) => sum + (line.block.kind === 'line' && !line.block.linked ? line.text.length : 0), 0);
      const textBefore = blocks.reduce((sum, block) => sum + (block.kind === 'paragraph' ? block.text.length : 0), 0);
      if (textBefore >= textAfter) {
        ended = true;
        break;
      }
      while (lines[index + 1]?.block.kind === 'line' && (lines[index + 1]!.block as { linked: boolean }).linked) index++;
      continue;
    }
    const line = lineOf(block)[0]!;
    if (text.length <= 40 && editorsIn(text)) {
      const editorLine = profileBylines.editor ? undefined : readCreditLine(line, editorLineOf);
      if (editorLine) credits.take(editorLine, text);
      continue;
    }
    if (/^(?:[【\[]\d{1,2}[】\]]\s*){2,}$/.test(text) || /^(?:上一页|下一页)/.test(text) || pagerLines.has(key)) {
      notes.push({ field: 'body', message: `the article continues on further pages (${text}); only this page was imported` });
      continue;
    }
    if (isFurnitureLine(text)) {
      if (!sourceName) sourceName = sourceIn(` ${text}`);
      continue;
    }
    // The page repeats the headline or the date line at the top of the body.
    if (!leadSeen && (key === compact(title) || (key.length < 40 && VISIBLE_DATE.test(text) && !/[。，]/.test(text)))) continue;
    const byline = readCreditLine(line, bylineOfLine);
    if (byline) {
      if (!profileBylines.byline) credits.take(byline, text);
      continue;
    }
    if (block.kind === 'heading') {
      blocks.push({ kind: 'heading', text });
      continue;
    }
    // The lead is the first real paragraph; labels such as 图集 may stand before it.
    if (!leadChecked && text.length >= 20) {
      leadChecked = true;
      const inLead = profileBylines.byline ? undefined : bylineInLead(line.outsideLinks);
      if (inLead) {
        credits.take(inLead, inLead.quote);
        if (inLead.unread.length > 0) unreadBylines.push(...inLead.unread);
      }
    }
    if (block.kind === 'line' && block.bold && text.length <= HEADING_MAX && !FINAL_PUNCTUATION.test(text)) {
      blocks.push({ kind: 'heading', text });
      continue;
    }
    if (block.kind === 'line' && block.centered && text.length <= 60 && leadSeen && !FINAL_PUNCTUATION.test(text.replace(/[)）]$/, ''))) {
      notes.push({ field: 'body', message: `a short centred line stands alone, kept as a paragraph; it may be a caption whose photo is lost, or a heading: ${text}` });
    }
    blocks.push({ kind: 'paragraph', text });
    leadSeen = true;
  }

  if (!profileBylines.editor && credits.editors.length === 0 && !credits.notes.some((note) => note.field === 'editor')) {
    // Some sites print 责任编辑 far from the body (ifeng's share box, a side box, hidden for print).
    for (const line of all.flatMap(lineOf)) {
      const editorLine = editorsIn(line.text) ? readCreditLine(line, editorLineOf) : undefined;
      if (editorLine && editorLine.editors.length + editorLine.rejected.length > 0) {
        credits.take(editorLine, line.text);
        break;
      }
    }
  }
  const { authors, editor } = credits.result();

  const bodyLength = blocks.reduce((sum, block) => sum + (block.kind === 'figure' ? 0 : compact(block.text).length), 0);
  if (!blocks.some((block) => block.kind === 'paragraph')) {
    throw new ImportError(fileName, `no article text found (the body candidate ${found.via} holds no paragraphs); is this a news article page?`);
  }

  if (trailer.slice(0, 4).some((text) => /下一页|余下全文/.test(text))) {
    notes.push({ field: 'body', message: 'the article continues on a next page (下一页); only this page was imported' });
  }
  notes.push(...chosenDate.notes, ...credits.notes);
  if (!authors.some((credit) => credit.role !== '责任编辑') && !credits.notes.some((note) => note.field === 'authors')) notes.push({ field: 'authors', message: 'no byline (记者, 通讯员, 作者 …) found; add authors: if the article names them' });
  if (unreadBylines.length > 0) notes.push({ field: 'authors', message: `in the lead's byline these words were not read as names: ${unreadBylines.join(' ')}` });
  if (!sourceName) notes.push({ field: 'source', message: 'the page names no source (来源, meta source or site name); add source: by hand' });
  else if (sourceFromSite) notes.push({ field: 'source', message: `no 来源 line; the site's own name ${sourceName} was used` });
  if (bodyLength < SHORT_BODY) notes.push({ field: 'body', message: `the body is only ${bodyLength} characters; check that the whole article was found` });

  return {
    title,
    ...(date !== undefined ? { date } : {}),
    ...(sourceName ? { source: { name: sourceName, ...(url ? { url } : {}) } } : {}),
    authors,
    ...(editor === undefined ? {} : { editor }),
    blocks,
    notes,
  };
}

/** Sites that print the source in an element of its own next to the time (163, sina, toutiao). */
function sourceElement($: CheerioAPI): string | undefined {
  // A bare `.source` is too broad: toutiao uses it for every related article's footer.
  for (const selector of ['#ne_article_source', '.date-source .source', '.article-sub > span:not(.original)', '.article-source', '.source-name', '.news-source', '#source_baidu']) {
    const text = $(selector).first().text().replace(/^\s*(?:来源|来自)\s*[:：]\s*/, '').replace(/[\s⋅·•|｜]+$/, '').trim();
    if (text.length >= 2 && text.length <= 20 && !/\d|[:：]/.test(text)) return text;
  }
  return undefined;
}

function isCaption(block: RawBlock & { kind: 'line' }): boolean {
  if (block.text.length > 150) return false;
  if (CAPTION_CUE.test(block.text)) return true;
  return block.centered && block.text.length <= 80;
}

/** The body container where the profile says, when it is on the page and holds text. */
function profileBody($: CheerioAPI, profile: SiteProfile | undefined): ReturnType<typeof findBody> {
  if (profile?.body === undefined) return undefined;
  const container = $<Element, string>(profile.body.selector).first();
  return container.length > 0 && compact(container.text()) !== '' ? { container, via: `${profile.body.selector} (profile ${profile.file})` } : undefined;
}

/** The date where the profile says; a text there that is no date is noted, and the usual order decides. */
function profileDate($: CheerioAPI, profile: SiteProfile | undefined, timeZone: string, notes: ReviewNote[]): DateEvidence | undefined {
  const text = readRule($, profile?.date)[0];
  if (text === undefined) return undefined;
  const printed = VISIBLE_DATE.exec(text)?.[0] ?? text;
  const date = toFrontmatterDate(printed, timeZone);
  if (date !== undefined) return { date, from: `the profile's date (${profile!.date!.selector}: "${quoteForNote(text)}")` };
  notes.push({ field: 'date', message: `the profile ${profile!.file} points the date at "${quoteForNote(text)}", which is not a date; the date was looked for elsewhere` });
  return undefined;
}

/** The source where the profile says, without a 来源 label or trailing furniture. */
function profileSource($: CheerioAPI, profile: SiteProfile | undefined): string | undefined {
  if (profile?.source?.selector === undefined) return undefined;
  const value = readRule($, { selector: profile.source.selector, ...(profile.source.pattern === undefined ? {} : { pattern: profile.source.pattern }) })[0];
  const name = value?.replace(/^(?:信息|文章|稿件)?(?:来源|来自|出处)\s*[:：]\s*/, '').replace(/[\s⋅·•|｜]+$/, '').trim();
  return name ? name : undefined;
}

/**
 * Credits where the profile says. A labelled byline (`记者 张三`) is read as any other; a
 * bare one (`张三 李四`) credits each name that passes the name check with the profile's
 * role. Says which fields the profile settled, so the page's other lines are not read for them.
 */
function readProfileCredits($: CheerioAPI, profile: SiteProfile | undefined, credits: ReturnType<typeof collectCredits>): { byline: boolean; editor: boolean } {
  const settled = { byline: false, editor: false };
  for (const text of readRule($, profile?.byline)) {
    settled.byline = true;
    const labelled = readCreditLine({ text, outsideLinks: text }, (line) => bylineOfLine(line) ?? bylinesInHeaderLine(line));
    credits.take(labelled && labelled.credits.length + labelled.rejected.length > 0 ? labelled : bareNames(text, profile?.byline?.role ?? '作者'), text);
  }
  for (const text of readRule($, profile?.editor)) {
    settled.editor = true;
    const labelled = readCreditLine({ text, outsideLinks: text }, editorLineOf);
    if (labelled && labelled.editors.length + labelled.rejected.length > 0) credits.take(labelled, text);
    else {
      const bare = bareNames(text, '责任编辑');
      credits.take({ ...bare, credits: [], editors: bare.credits.map((credit) => credit.name) }, text);
    }
  }
  return settled;
}

function bareNames(text: string, role: string): ParsedByline {
  const parsed: ParsedByline = { credits: [], editors: [], rejected: [], unread: [] };
  for (const candidate of splitPeople(text.replace(/^[（(【\[]|[)）】\]]$/g, ''))) {
    const check = checkPersonName(candidate);
    if (check.ok) parsed.credits.push({ name: candidate, role });
    else parsed.rejected.push({ candidate, role, reason: check.reason });
  }
  return parsed;
}
