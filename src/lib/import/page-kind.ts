/**
 * Is a page of a saved site an article? A mirror holds the site's front page, section and
 * tag lists, search results and error pages beside the articles; importing them would put
 * lists of headlines in `_review/` (issue 17, item 4). Each page that is not an article is
 * skipped with the reason an editor can check against the page.
 *
 * The content decides; the address only names the kind. An article at `…/index.html` is
 * still an article, and a list at `content_12.html` is still a list.
 */
import type { CheerioAPI } from 'cheerio';
import { findBody } from './html-body.ts';
import { compact, normalizeText } from './html-text.ts';
import type { PageAddress } from './site-pages.ts';

export type PageKind = 'article' | 'error' | 'search' | 'list';

export interface PageVerdict {
  kind: PageKind;
  /** Why it is not an article, in words an editor can check against the page. */
  reason?: string;
}

/** Titles and headings of error pages: 404, 页面不存在, 您访问的页面已删除. */
const ERROR_TEXT = /^\s*(?:error\s*)?(?:40[0-9]|50[0-9])(?:\s|$|[-_|:：!！])|(?:40[34]|50[0-3])\s*(?:error|not found|错误|页面)|not found|forbidden|页面(?:不存在|未找到|找不到|已删除|已过期)|找不到(?:该|此|您要的)?(?:页面|网页|文章)|(?:该|此)(?:页面|网页|文章|信息)(?:已被?删除|不存在|已下线|已过期)|出错了|错误页面|访问出错/i;
/** Words of a search page's title, and the parameters search forms send. */
const SEARCH_TITLE = /搜索结果|检索结果|站内搜索|全文检索|search results?/i;
const SEARCH_PATH = /(?:^|[/_.-])(?:search|so|query|jiansuo|sousuo)(?:[/_.-]|$)/i;
const SEARCH_PARAMETER = /^(?:q|wd|kw|keyword|keywords|query|searchword|search|s)$/i;
/** Words of a tag, topic or archive page's title, between the separators sites put there. */
const TAG_TITLE = /(?:^|[\s\-_|｜])(标签|专题|栏目|频道|分类|归档|列表|tags?|topics?|archives?|category)(?:[\s\-_|｜:：]|$)/i;
const TAG_PATH = /(?:^|\/)(tags?|topics?|zhuanti)\//i;
/** Address words of list pages: they only name the kind, the content decides. */
const LIST_PATH = /(?:^|[/_.-])(?:tag|tags|topic|topics|category|categories|column|list|node|channel|archives?|index)(?:[/_.-]|$)/i;

/** A headline link: long enough to be a story's title, short enough not to be a paragraph. */
const HEADLINE = { min: 8, max: 60 };
/** More headline links than this in the body, making most of its text, is a list, not an article. */
const LIST_LINKS = 6;
const LIST_LINK_SHARE = 0.5;
const LISTED_LINK_SHARE = 0.25;
/** An error or search page has little text of its own. */
const SHORT_PAGE = 600;

function where(address: PageAddress): string {
  return `${address.path}${address.query.length > 0 ? `?${address.query.map(([key, value]) => `${key}=${value}`).join('&')}` : ''}`;
}

export function classifyPage($: CheerioAPI, address: PageAddress): PageVerdict {
  const title = normalizeText($('title').first().text());
  const heading = normalizeText($('h1').first().text());
  const bodyText = compact($('body').text());

  const errorWords = ERROR_TEXT.exec(title) ?? ERROR_TEXT.exec(heading);
  if (errorWords && bodyText.length < SHORT_PAGE * 2) {
    return { kind: 'error', reason: `an error page: its ${ERROR_TEXT.test(title) ? 'title' : 'heading'} says "${(ERROR_TEXT.test(title) ? title : heading).slice(0, 40)}"` };
  }
  const searchParameter = address.query.find(([key]) => SEARCH_PARAMETER.test(key));
  if (SEARCH_TITLE.test(title) || (SEARCH_PATH.test(address.path) && (searchParameter !== undefined || $('form input[type="text"], form input[type="search"], form input:not([type])').length > 0) && !hasArticleHeadline($))) {
    return { kind: 'search', reason: `a search page (${SEARCH_TITLE.test(title) ? `its title says "${title.slice(0, 40)}"` : `its address is ${where(address)}`})` };
  }

  // Tag and topic pages say so in their title or address; their items may carry enough of
  // each story's opening words to pass for a body of text.
  const tagWords = TAG_TITLE.exec(title)?.[1] ?? TAG_PATH.exec(address.path)?.[1];
  if (tagWords !== undefined && !hasArticleHeadline($)) {
    const links = headlineLinks($, $('body'));
    if (links > LIST_LINKS) return { kind: 'list', reason: `a tag or list page: its ${TAG_TITLE.test(title) ? `title says "${title.slice(0, 40)}"` : `address is ${where(address)}`}, and it links to ${links} other stories` };
  }

  const found = findBody($);
  if (!found) {
    const links = headlineLinks($, $('body'));
    const kind = LIST_PATH.test(address.path) ? 'an index or list page' : 'not an article';
    return { kind: 'list', reason: `${kind}: no block of running text${links > 0 ? `, ${links} links to other stories` : ''}` };
  }
  const links = headlineLinks($, found.container);
  const text = compact(found.container.text()).length;
  let linked = 0;
  found.container.find('a').each((_, link) => {
    linked += compact($(link).text()).length;
  });
  const share = text === 0 ? 1 : linked / text;
  // A list whose items carry their opening words (tag pages, archives) has more text of its
  // own; where the address says it is a list, a smaller share of links is enough.
  if (links > LIST_LINKS && (share >= LIST_LINK_SHARE || (share >= LISTED_LINK_SHARE && LIST_PATH.test(address.path)))) {
    const kind = /(?:^|[/_.-])(?:tag|tags|topic|topics)(?:[/_.-]|$)/i.test(address.path) ? 'a tag page' : 'an index or list page';
    return { kind: 'list', reason: `${kind}: ${links} links to other stories make up ${Math.round(share * 100)}% of its main text` };
  }
  return { kind: 'article' };
}

/** Distinct headline links in a container. */
function headlineLinks($: CheerioAPI, container: ReturnType<CheerioAPI>): number {
  const seen = new Set<string>();
  container.find('a[href]').each((_, link) => {
    const text = compact($(link).text());
    if (text.length >= HEADLINE.min && text.length <= HEADLINE.max) seen.add(text);
  });
  return seen.size;
}

/** An article page names its headline in an `<h1>` that the `<title>` repeats. */
function hasArticleHeadline($: CheerioAPI): boolean {
  const title = compact($('title').first().text());
  const heading = compact($('h1').first().text());
  return heading.length >= 6 && title.includes(heading);
}
