/**
 * Finds the article body in a saved news page and reads it as a list of lines, images and
 * headings, in reading order. Deciding what a line *is* (byline, caption, boilerplate) is
 * left to `html.ts`, which sees the whole sequence.
 */
import type { CheerioAPI, Cheerio } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { compact, normalizeText } from './html-text.ts';

export type RawBlock =
  | {
    kind: 'line';
    text: string;
    /** Every visible character of the line is inside `<strong>`/`<b>`: a heading candidate. */
    bold: boolean;
    /** The line is centred (`align=center`, `text-align:center`): captions usually are. */
    centered: boolean;
    /** The line came from a `<p>`-like element of its own rather than text between `<br>`s. */
    ownElement: boolean;
    /** Every visible character is link text: a list of related articles, not prose. */
    linked: boolean;
    /**
     * The text with every link's text blanked out (issue 17): a name is only evidence when
     * it is not the text of a link, which may be navigation (返回门户) or another story.
     */
    outsideLinks: string;
    /** Inside a share bar, footer or other furniture; set only when `markFurniture` is asked for. */
    furniture: boolean;
  }
  | { kind: 'heading'; text: string }
  | { kind: 'image'; src: string };

/**
 * Body containers of the sites in the sample, most specific first. A selector only wins
 * when it holds real text (see `findBody`); otherwise the text-density search decides.
 */
export const KNOWN_BODY_SELECTORS = [
  '#endText', // 163.com
  '#artibody', // sina.com.cn
  '.article#article', // sina (new layout)
  '#rwb_zw', '.rm_txt_con', // people.com.cn
  '#p-detail', '#detail', // xinhuanet.com
  '.news_txt', // thepaper.cn
  '.content-article', // qq.com
  '#js_content', // WeChat
  '.TRS_Editor', // TRS CMS: government and regional sites
  '.article-content', // toutiao, baijiahao
  '#main_content', // ifeng.com
  '.all-txt', // guancha.cn
  '.art_contextBox', // hexun.com
  '.post-body', // WordPress themes
  '.post_body',
  '#article',
];

const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'iframe', 'form', 'button', 'input', 'select', 'textarea',
  'svg', 'canvas', 'video', 'audio', 'object', 'embed', 'template', 'head', 'link', 'meta',
]);
const INLINE_TAGS = new Set([
  'a', 'span', 'strong', 'b', 'em', 'i', 'u', 'font', 'sub', 'sup', 'small', 'big', 'label',
  'abbr', 'cite', 'code', 'q', 's', 'strike', 'del', 'ins', 'mark', 'time', 'var', 'wbr', 'nobr',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Paragraph-like elements: their text counts for the element that holds them. */
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'blockquote', 'li', 'h2', 'h3', 'h4']);

/**
 * Class or id fragments of site furniture inside or around the body: share bars, related
 * links, comments, ads. Matched as whole words of the attribute so `shareholder` or
 * `header-ad-free` do not trip it.
 */
const FURNITURE = /(?:^|[\s_-])(?:share|bdshare|jiathis|social|related|relate|recommend|recom|comment|comments|cmt|ad|ads|advert|adv|gg|banner|sponsor|footer|foot|nav|breadcrumb|crumb|toolbar|tools|copyright|statement|disclaimer|keywords|tags|hotnews|pager|page-nav|qrcode|ewm|code-box|print|subscribe|reward|rank|sidebar|aside)(?:$|[\s_-])/i;

function attr(element: Element, name: string): string {
  return element.attribs[name] ?? '';
}

function isHidden(element: Element): boolean {
  const style = attr(element, 'style').replace(/\s+/g, '').toLowerCase();
  return style.includes('display:none') || style.includes('visibility:hidden') || 'hidden' in element.attribs;
}

function isFurniture(element: Element): boolean {
  return FURNITURE.test(attr(element, 'class')) || FURNITURE.test(attr(element, 'id'));
}

function isCentered(element: Element): boolean {
  const style = attr(element, 'style').replace(/\s+/g, '').toLowerCase();
  return attr(element, 'align').toLowerCase() === 'center' || style.includes('text-align:center') || element.name === 'center'
    || /(?:^|[\s_-])(?:center|pic(?:title|txt|info|_txt|_title)?|img-?desc|caption|imgtxt|tu_txt)(?:$|[\s_-])/i.test(attr(element, 'class'));
}

/** The `src` an image really shows: lazy-loading sites keep it in `data-src` and friends. */
function imageSource(element: Element): string | undefined {
  for (const name of ['data-original', 'data-src', 'data-original-src', 'data-lazy-src', 'original', 'src']) {
    const value = attr(element, name).trim();
    if (value !== '' && !value.startsWith('data:') && !/\b(?:blank|spacer|loading|pixel)\.(?:gif|png)\b/i.test(value)) return value;
  }
  return undefined;
}

interface Segment {
  text: string;
  bold: boolean;
  linked: boolean;
}

export interface ReadOptions {
  /**
   * Read share bars, footers and the like too, marking their lines `furniture`: the header
   * above an article puts its date there (163's share box, a blog's `post-footer`).
   */
  markFurniture?: boolean;
}

/** Reads a container into blocks: inline text accumulates into a line until a `<br>` or a block boundary. */
export function readBlocks($: CheerioAPI, container: Cheerio<Element>, options: ReadOptions = {}): RawBlock[] {
  const blocks: RawBlock[] = [];
  let segments: Segment[] = [];
  let lineCentered = false;
  let lineOwnElement = false;
  let lineFurniture = false;

  const flush = () => {
    const text = normalizeText(segments.map((segment) => segment.text).join(''));
    if (text !== '') {
      const visible = segments.filter((segment) => compact(segment.text) !== '');
      blocks.push({
        kind: 'line', text,
        bold: visible.length > 0 && visible.every((segment) => segment.bold),
        linked: visible.length > 0 && visible.every((segment) => segment.linked),
        outsideLinks: normalizeText(segments.map((segment) => (segment.linked ? ' ' : segment.text)).join('')),
        centered: lineCentered, ownElement: lineOwnElement, furniture: lineFurniture,
      });
    }
    segments = [];
    lineCentered = false;
    lineOwnElement = false;
    lineFurniture = false;
  };

  const walk = (node: AnyNode, bold: boolean, centered: boolean, inParagraph: boolean, linked: boolean, furniture = false) => {
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      if (segments.length === 0) {
        lineCentered = centered;
        lineOwnElement = inParagraph;
        lineFurniture = furniture;
      }
      segments.push({ text: data, bold, linked });
      return;
    }
    if (node.type !== 'tag') return;
    const element = node as Element;
    const tag = element.name.toLowerCase();
    if (SKIP_TAGS.has(tag) || isHidden(element)) return;
    const inFurniture = furniture || isFurniture(element);
    if (inFurniture && !options.markFurniture) return;
    if (tag === 'br') return flush();
    if (tag === 'img') {
      const src = imageSource(element);
      if (src !== undefined) {
        flush();
        blocks.push({ kind: 'image', src });
      }
      return;
    }
    if (HEADING_TAGS.has(tag)) {
      flush();
      const text = normalizeText($(element).text());
      if (text !== '') blocks.push({ kind: 'heading', text });
      // A heading element may still wrap a photo.
      $(element).find('img').each((_, image) => {
        const src = imageSource(image);
        if (src !== undefined) blocks.push({ kind: 'image', src });
      });
      return;
    }
    const childBold = bold || tag === 'strong' || tag === 'b' || /font-weight:\s*(?:bold|[6-9]00)/i.test(attr(element, 'style'));
    const childCentered = centered || isCentered(element);
    if (INLINE_TAGS.has(tag)) {
      for (const child of element.children) walk(child, childBold, childCentered, inParagraph, linked || tag === 'a', inFurniture);
      return;
    }
    flush();
    for (const child of element.children) walk(child, childBold, childCentered, true, linked, inFurniture);
    flush();
  };

  for (const child of container.get(0)?.children ?? []) walk(child, false, isCentered(container.get(0)!), false, false);
  flush();
  return blocks;
}

/** Characters of text a node holds directly (its own text nodes and inline children), not in nested blocks. */
function ownTextLength($: CheerioAPI, element: Element): number {
  let length = 0;
  for (const child of element.children) {
    if (child.type === 'text') length += compact((child as unknown as { data: string }).data).length;
    else if (child.type === 'tag' && INLINE_TAGS.has((child as Element).name) && (child as Element).name !== 'a') {
      length += compact($(child).text()).length;
    }
  }
  return length;
}

function linkDensity($: CheerioAPI, element: Cheerio<Element>): number {
  const total = compact(element.text()).length;
  if (total === 0) return 1;
  let linked = 0;
  element.find('a').each((_, link) => {
    linked += compact($(link).text()).length;
  });
  return linked / total;
}

/** Chinese body text is punctuated; navigation and lists of links are not. */
function punctuationCount(text: string): number {
  return (text.match(/[，。；：！？、“”]/g) ?? []).length;
}

/**
 * The element that holds the article text. Known site containers are tried first; if none
 * holds text, each paragraph-like element gives its text length to its parent (and half to
 * the grandparent), the way Readability scores candidates, and the best-scoring element
 * with few links wins.
 */
export function findBody($: CheerioAPI): { container: Cheerio<Element>; via: string } | undefined {
  for (const selector of KNOWN_BODY_SELECTORS) {
    // `<body class="single article">` (WordPress) is not a body container.
    const found = $<Element, string>(selector).filter((_, element) => !isHidden(element) && element.name !== 'body' && element.name !== 'html').first();
    if (found.length === 0) continue;
    const text = found.text();
    if (compact(text).length >= 80 && punctuationCount(text) >= 3 && linkDensity($, found) < 0.5) {
      return { container: found, via: selector };
    }
  }

  const scores = new Map<Element, number>();
  const add = (element: Element | null, score: number) => {
    if (element === null || element.type !== 'tag') return;
    scores.set(element, (scores.get(element) ?? 0) + score);
  };
  $('body *').each((_, element) => {
    const tag = element.name.toLowerCase();
    if (SKIP_TAGS.has(tag) || INLINE_TAGS.has(tag)) return;
    let length: number;
    let punctuation: number;
    if (PARAGRAPH_TAGS.has(tag)) {
      const text = $(element).text();
      length = compact(text).length;
      punctuation = punctuationCount(text);
      if (length < 10) return;
      const score = length + 20 * punctuation;
      add(element.parent as Element | null, score);
      add(element.parent?.parent as Element | null, score / 2);
      return;
    }
    length = ownTextLength($, element);
    if (length < 20) return;
    let own = '';
    for (const child of element.children) if (child.type === 'text') own += (child as unknown as { data: string }).data;
    punctuation = punctuationCount(own);
    const score = length + 20 * punctuation;
    add(element, score);
    add(element.parent as Element | null, score / 2);
  });

  let best: Element | undefined;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (isFurniture(element) && !/content|article|text|body|detail/i.test(attr(element, 'class') + attr(element, 'id'))) continue;
    // Text inside a footer or a related-links box is never the article, however dense.
    if ($(element).parents().toArray().some((ancestor) => isFurniture(ancestor) || ancestor.name === 'footer')) continue;
    const weighted = score * (1 - linkDensity($, $(element)));
    if (weighted > bestScore) {
      best = element;
      bestScore = weighted;
    }
  }
  if (best === undefined || bestScore < 50) return undefined;
  return { container: $(best), via: 'text density' };
}
