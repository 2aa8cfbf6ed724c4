/**
 * Saved news pages (`.html` as the browser or a crawler stored them) → `ImportedArticle`.
 *
 * The page is decoded (`decode.ts`), the body container found (`html-body.ts`) and read as
 * lines and images; the lines between the headline and the body (the header: time, 来源,
 * byline) and just after the body (责任编辑) are read for metadata. Body text is kept
 * verbatim, including a lead's dateline and bracketed byline, as the text-capture importer
 * keeps it; lines that are only a byline, an editor credit or site furniture are removed.
 *
 * Times without an offset are read as Beijing time (the site's zone): Chinese news sites
 * publish in it, so that is the convention, not a guess, and gets no review note.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { siteConfig } from '../../site.config.ts';
import { decodeHtml } from './decode.ts';
import { ImportError } from './errors.ts';
import { findBody, readBlocks, type RawBlock } from './html-body.ts';
import { bylineInLead, bylineOfLine, editorsIn, parseByline } from './html-bylines.ts';
import { findTitle, metaDate, metaTags, pageUrl, toFrontmatterDate, VISIBLE_DATE } from './html-meta.ts';
import { compact } from './html-text.ts';
import type { ImportedArticle, ImportedBlock, ImportedCredit, ReviewNote } from './types.ts';

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

function addCredits(into: ImportedCredit[], credits: readonly ImportedCredit[]): void {
  for (const credit of credits) {
    if (!into.some((known) => known.name === credit.name && known.role === credit.role)) into.push(credit);
  }
}

/** The lines of the whole page, for finding the header and the trailer around the body. */
function pageLines($: CheerioAPI): RawBlock[] {
  const body = $('body');
  return body.length > 0 ? readBlocks($, body) : [];
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

export function importHtmlPage(bytes: Uint8Array, fileName: string): ImportedArticle {
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

  const found = findBody($);
  if (!found) {
    throw new ImportError(fileName, 'no article body found: the page has no block of running text; it may be an index, search or error page rather than a news article');
  }
  const titleFound = findTitle($, meta);
  if (!titleFound) throw new ImportError(fileName, 'the page has no title (no <title>, og:title or <h1>); is it a news page?');
  const title = titleFound.title;
  if (!titleFound.exact) notes.push({ field: 'title', message: `the headline was taken from the page's <title> minus the site's suffix; check it: ${title}` });

  const url = pageUrl($, meta);
  const bodyBlocks = readBlocks($, found.container);

  // Header and trailer: the page's lines just before and after the body.
  const all = pageLines($);
  const firstBodyText = bodyBlocks.map(textOf).find((text) => text !== '');
  const lastBodyText = bodyBlocks.map(textOf).filter((text) => text !== '').at(-1);
  const titleKey = compact(title).replace(/(?:\.{3}|…+)$/, '');
  let bodyStart = firstBodyText === undefined ? -1 : all.findIndex((block) => textOf(block) === firstBodyText);
  let titleIndex = -1;
  for (let index = 0; index < (bodyStart === -1 ? all.length : bodyStart); index++) {
    const key = compact(textOf(all[index]!));
    if (key.length >= 4 && (key.startsWith(titleKey) || titleKey.startsWith(key))) titleIndex = index;
  }
  if (bodyStart === -1) bodyStart = titleIndex + 1;
  const headerFrom = titleIndex >= 0 && bodyStart - titleIndex <= HEADER_LINES * 2 ? titleIndex + 1 : Math.max(0, bodyStart - HEADER_LINES);
  const header = all.slice(headerFrom, bodyStart).map(textOf).filter((text) => text !== '');
  let bodyEnd = -1;
  if (lastBodyText !== undefined) {
    for (let index = all.length - 1; index >= bodyStart; index--) {
      if (textOf(all[index]!) === lastBodyText) {
        bodyEnd = index;
        break;
      }
    }
  }
  const trailer = bodyEnd === -1 ? [] : all.slice(bodyEnd + 1, bodyEnd + 12).map(textOf).filter((text) => text !== '');

  const authors: ImportedCredit[] = [];
  const editors: string[] = [];
  const addEditors = (names: readonly string[]) => {
    for (const name of names) if (!editors.includes(name)) editors.push(name);
  };

  // Publication time: meta tags, then the header line, then the lines after the body.
  let date = metaDate(meta, timeZone);
  let dateFrom = 'meta';
  // people.cn's meta gives the day only; the header line under the headline gives the time too.
  if (date !== undefined && !date.includes('T')) {
    for (const text of header) {
      const visible = VISIBLE_DATE.exec(text);
      const precise = visible ? toFrontmatterDate(visible[0], timeZone) : undefined;
      if (precise?.startsWith(`${date}T`)) {
        date = precise;
        break;
      }
    }
  }
  if (date === undefined) {
    for (const text of [...header, ...trailer]) {
      const match = VISIBLE_DATE.exec(text);
      if (match) {
        date = toFrontmatterDate(match[0], timeZone);
        if (date !== undefined) {
          dateFrom = header.includes(text) ? 'header' : 'trailer';
          break;
        }
      }
    }
  }

  // Source: the header's 来源, meta source tags, then the site's own name.
  let sourceName: string | undefined;
  for (const text of header) {
    sourceName = sourceIn(text);
    if (sourceName) break;
  }
  sourceName ??= sourceElement($);
  sourceName ??= ['source', 'contentsource', 'og:source', 'article:source']
    .map((key) => meta.get(key)?.replace(/^来源\s*[:：]\s*/, '').replace(/\s+原创稿$/, '').trim())
    .find((value) => value !== undefined && value !== '');
  let sourceFromSite = false;
  if (sourceName === undefined) {
    sourceName = meta.get('og:site_name') ?? meta.get('application-name');
    sourceFromSite = sourceName !== undefined;
  }

  // Bylines in the header and trailer lines.
  for (const text of [...header, ...trailer]) {
    const editorNames = editorsIn(text);
    if (editorNames) addEditors(editorNames);
    const slashed = SLASH_BYLINE.exec(text);
    if (slashed && header.includes(text)) {
      addCredits(authors, slashed[1]!.split(/\s+/).map((name) => ({ name, role: '作者' })));
      sourceName ??= slashed[2];
      continue;
    }
    const byline = bylineOfLine(text) ?? bylineInHeaderLine(text);
    if (byline) {
      addCredits(authors, byline.credits);
      addEditors(byline.editors);
    }
  }

  // The body: drop furniture and byline-only lines, pair photos with captions, find headings.
  const lines: Line[] = [];
  for (const block of bodyBlocks) lines.push({ text: textOf(block), block });
  const blocks: ImportedBlock[] = [];
  const unreadBylines: string[] = [];
  let ended = false;
  let leadSeen = false;
  let leadChecked = false;
  for (let index = 0; index < lines.length && !ended; index++) {
    const { block, text } = lines[index]!;
    if (block.kind === 'image') {
      const imageUrl = absoluteUrl(block.src, url);
      if (/(?:icon|logo|emoji|qrcode|erweima|share|avatar|weixin_?code|next_?page|prev_?page|\.gif$)/i.test(block.src)) continue;
      const next = lines[index + 1];
      if (next && next.block.kind === 'line' && isCaption(next.block)) {
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
    const editorNames = editorsIn(text);
    if (editorNames && text.length <= 40) {
      addEditors(editorNames);
      continue;
    }
    if (/^(?:[【\[]\d{1,2}[】\]]\s*){2,}$/.test(text) || /^(?:上一页|下一页)/.test(text)) {
      notes.push({ field: 'body', message: `the article continues on further pages (${text}); only this page was imported` });
      continue;
    }
    if (isFurnitureLine(text)) {
      if (!sourceName) sourceName = sourceIn(` ${text}`);
      continue;
    }
    // The page repeats the headline or the date line at the top of the body.
    if (!leadSeen && (key === compact(title) || (key.length < 40 && VISIBLE_DATE.test(text) && !/[。，]/.test(text)))) continue;
    const byline = bylineOfLine(text);
    if (byline) {
      addCredits(authors, byline.credits);
      addEditors(byline.editors);
      continue;
    }
    if (block.kind === 'heading') {
      blocks.push({ kind: 'heading', text });
      continue;
    }
    // The lead is the first real paragraph; labels such as 图集 may stand before it.
    if (!leadChecked && text.length >= 20) {
      leadChecked = true;
      const inLead = bylineInLead(text);
      if (inLead) {
        addCredits(authors, inLead.credits);
        addEditors(inLead.editors);
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

  if (editors.length === 0) {
    // Some sites print 责任编辑 far from the body (in a side box, or hidden for print).
    const names = editorsIn(compactLines($('body').text()));
    if (names && names.length > 0) addEditors(names);
  }

  const bodyLength = blocks.reduce((sum, block) => sum + (block.kind === 'figure' ? 0 : compact(block.text).length), 0);
  if (!blocks.some((block) => block.kind === 'paragraph')) {
    throw new ImportError(fileName, `no article text found (the body candidate ${found.via} holds no paragraphs); is this a news article page?`);
  }

  if (trailer.slice(0, 4).some((text) => /下一页|余下全文/.test(text))) {
    notes.push({ field: 'body', message: 'the article continues on a next page (下一页); only this page was imported' });
  }
  if (date === undefined) notes.push({ field: 'date', message: 'no publication date found in the page (meta tags or the line under the headline); add date: by hand' });
  else if (dateFrom === 'trailer') notes.push({ field: 'date', message: `the date ${date} was found after the article text, not under the headline; check it` });
  if (authors.length === 0) notes.push({ field: 'authors', message: 'no byline (记者, 通讯员, 作者 …) found; add authors: if the article names them' });
  if (unreadBylines.length > 0) notes.push({ field: 'authors', message: `in the lead's byline these words were not read as names: ${unreadBylines.join(' ')}` });
  if (!sourceName) notes.push({ field: 'source', message: 'the page names no source (来源, meta source or site name); add source: by hand' });
  else if (sourceFromSite) notes.push({ field: 'source', message: `no 来源 line; the site's own name ${sourceName} was used` });
  if (bodyLength < SHORT_BODY) notes.push({ field: 'body', message: `the body is only ${bodyLength} characters; check that the whole article was found` });

  return {
    title,
    ...(date !== undefined ? { date } : {}),
    ...(sourceName ? { source: { name: sourceName, ...(url ? { url } : {}) } } : {}),
    authors,
    ...(editors.length > 0 ? { editor: editors.join('、') } : {}),
    blocks,
    notes,
  };
}

/** thepaper's header byline: `石佳/中国青年报` — the writer's names, then the publication. */
const SLASH_BYLINE = /^([\p{Script=Han}·]{2,6}(?:\s[\p{Script=Han}·]{2,6}){0,3})\s*[/／]\s*([^\s/／]{2,20})$/u;

/** Sites that print the source in an element of its own next to the time (163, sina, toutiao). */
function sourceElement($: CheerioAPI): string | undefined {
  // A bare `.source` is too broad: toutiao uses it for every related article's footer.
  for (const selector of ['#ne_article_source', '.date-source .source', '.article-sub > span:not(.original)', '.article-source', '.source-name', '.news-source', '#source_baidu']) {
    const text = $(selector).first().text().replace(/^\s*(?:来源|来自)\s*[:：]\s*/, '').replace(/[\s⋅·•|｜]+$/, '').trim();
    if (text.length >= 2 && text.length <= 20 && !/\d|[:：]/.test(text)) return text;
  }
  return undefined;
}

function compactLines(text: string): string {
  return text.replace(/[ \t\u3000\u00a0]+/g, ' ');
}

/** Header lines often hold several fields: `2019-09-07 来源：新京报 作者：张三`; read the byline part. */
function bylineInHeaderLine(text: string) {
  const match = /(?:作者|记者|(?<!责任)编辑|通讯员|撰文)\s*[:：]?\s*([^:：|｜]{2,40})/.exec(text);
  if (!match) return undefined;
  const from = text.slice(match.index).replace(/\s*(?:来源|时间|发布时间|字号|浏览|阅读|点击|责任编辑)\s*[:：].*$/, '');
  const parsed = parseByline(from);
  return parsed.credits.length > 0 && parsed.unread.length === 0 ? parsed : undefined;
}

function isCaption(block: RawBlock & { kind: 'line' }): boolean {
  if (block.text.length > 150) return false;
  if (CAPTION_CUE.test(block.text)) return true;
  return block.centered && block.text.length <= 80;
}
