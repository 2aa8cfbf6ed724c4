/**
 * Where a page of a saved site was on the web, worked out from where the copy put it
 * (issue 17, item 4). A `wget --mirror` copy stores `https://www.xxrb.cn/news/a.html` as
 * `www.xxrb.cn/news/a.html`, a folder address as `…/index.html`, and a query string in the
 * file name: `show.php?id=3` (or `show.php@id=3` with `--restrict-file-names=windows`), with
 * `.html` appended after it by `--adjust-extension`. Pages reached through two addresses,
 * print versions and continuation pages are recognised from these addresses; the content
 * checks that confirm them are `site-import.ts`'s business.
 */
import { posix } from 'node:path';

export interface PageAddress {
  /** Lower case, without `www.`; undefined when the copy does not say (a folder of loose pages). */
  host: string | undefined;
  /** Starts with `/`; a folder's index page is the folder (`/news/`). */
  path: string;
  /** Parameters that name the page, sorted; tracking parameters are dropped. */
  query: [string, string][];
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d+)?$/i;
/** The file a server sends for a folder address. */
const INDEX_FILE = /(?:^|\/)(?:index|default)\.(?:html?|shtml|php|aspx?|jsp)$/i;
/**
 * Parameters that say how a reader arrived, not which page they read: dropping them makes
 * `a.html?from=timeline` the same page as `a.html`.
 */
const TRACKING = /^(?:utm_\w+|spm|from|source|ref|referer|share|share_\w+|sharer_\w+|tt_from|isappinstalled|scene|clicktime|enterid|wfr|timestamp|_)$/i;

export function looksLikeHost(segment: string): boolean {
  return HOST.test(segment);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function parseQuery(query: string): [string, string][] {
  return [...new URLSearchParams(query)]
    .filter(([key]) => !TRACKING.test(key))
    .sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
}

function folderOf(path: string): string {
  return path.replace(INDEX_FILE, '/');
}

/**
 * The address of a saved file, from its path inside the copy (forward slashes). `siteHost`
 * is the host when the copy's own folder is named after it (`mirror/www.xxrb.cn`).
 */
export function addressOfSavedFile(relativePath: string, siteHost?: string): PageAddress {
  const segments = relativePath.split('/').filter((segment) => segment !== '' && segment !== '.');
  let host = siteHost;
  if (host === undefined && segments.length > 1 && looksLikeHost(segments[0]!)) host = segments.shift();
  let name = segments.pop() ?? '';
  let query = '';
  const mark = /[?@](?=[\w.-]+=)|\?/.exec(name);
  if (mark) {
    query = name.slice(mark.index + 1);
    name = name.slice(0, mark.index);
    // --adjust-extension appends .html after the query string: `show.php?id=3.html`.
    query = query.replace(/\.html?$/i, '');
  }
  const path = folderOf(`/${[...segments, name].map(decode).join('/')}`);
  return { host: host === undefined ? undefined : normalHost(host), path, query: parseQuery(decode(query)) };
}

function normalHost(host: string): string {
  return host.toLowerCase().replace(/^www\./, '').replace(/:(?:80|443)$/, '');
}

/** An absolute address as a page address; http and https, `www.` or not, are the same page. */
export function addressOfUrl(url: string): PageAddress | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return { host: normalHost(parsed.host), path: folderOf(decode(parsed.pathname) || '/'), query: parseQuery(parsed.search.slice(1)) };
  } catch {
    return undefined;
  }
}

/** One string per page: two addresses with the same key are the same page. */
export function addressKey(address: PageAddress): string {
  const query = address.query.map(([key, value]) => `${key}=${value}`).join('&');
  return `${address.host ?? ''}${address.path}${query === '' ? '' : `?${query}`}`;
}

/**
 * Where a link on a saved page leads, as a page address: an absolute link, a root-relative
 * link on the page's host, or (what `wget --convert-links` writes) a path relative to the
 * saved file. Fragments, `javascript:` and `mailto:` lead nowhere.
 */
export function linkTarget(href: string, fromFile: string, fromAddress: PageAddress, siteHost?: string): PageAddress | undefined {
  const link = href.trim().replace(/#.*$/, '');
  if (link === '' || /^(?:javascript|mailto|tel|data):/i.test(link)) return undefined;
  if (/^(?:https?:)?\/\//i.test(link)) return addressOfUrl(link.startsWith('//') ? `https:${link}` : link);
  if (link.startsWith('/')) {
    const base = fromAddress.host === undefined ? 'https://local.invalid' : `https://${fromAddress.host}`;
    const address = addressOfUrl(new URL(link, base).href);
    return address && { ...address, host: fromAddress.host };
  }
  // Relative: resolved against the saved file, so the copy's own file names (`%3F` for `?`) apply.
  const [pathPart, queryPart] = splitQuery(link);
  const joined = posix.normalize(posix.join(posix.dirname(fromFile), decode(pathPart)));
  if (joined.startsWith('..')) return undefined;
  return addressOfSavedFile(queryPart === undefined ? joined : `${joined}?${queryPart}`, siteHost);
}

function splitQuery(link: string): [string, string | undefined] {
  const index = link.indexOf('?');
  return index === -1 ? [link, undefined] : [link.slice(0, index), link.slice(index + 1)];
}

/** `print.php?id=3`, `/print/a.html`, `a_print.html`, `?print=1`, `dayin` (打印). */
const PRINT_PATH = /(?:^|[/_.-])(?:print|printer|printable|printpage|dayin)(?:[/_.-]|$)/i;

export function isPrintVersion(address: PageAddress): boolean {
  return PRINT_PATH.test(address.path) || address.query.some(([key, value]) => /^(?:print|printable|printer)$/i.test(key) || /^print/i.test(value));
}

/** Query parameters that number the pages of one article. */
const PAGE_PARAMETER = /^(?:page|p|pn|pg|pageno|page_no|curpage|cp|paging)$/i;
/** `content_1002_2.html`, `14526474_1.shtml`: the page number after the last underscore. */
const NUMBERED_FILE = /^(.*)_(\d{1,2})(\.[a-z]+)?$/i;

/**
 * The addresses a continuation page's previous page may have, most likely first, with the
 * page's number; undefined when the address does not number a page. `a_2.html` follows
 * `a_1.html` or `a.html`; `a_1.html` follows `a_0.html` or `a.html` (ifeng numbers from 0);
 * `?page=2` follows `?page=1` or the address without it.
 */
export function previousPageAddresses(address: PageAddress): { page: number; previous: PageAddress[] } | undefined {
  const parameter = address.query.find(([key, value]) => PAGE_PARAMETER.test(key) && /^\d{1,3}$/.test(value));
  if (parameter) {
    const page = Number(parameter[1]);
    if (page < 2) return undefined;
    const others = address.query.filter((entry) => entry !== parameter);
    const previous: PageAddress[] = [{ ...address, query: [...others, [parameter[0], String(page - 1)] as [string, string]].sort() }];
    if (page === 2) previous.push({ ...address, query: others });
    return { page, previous };
  }
  const name = posix.basename(address.path);
  const match = NUMBERED_FILE.exec(name);
  if (!match) return undefined;
  const [, stem, number, extension = ''] = match;
  const page = Number(number);
  if (page < 1) return undefined;
  const folder = address.path.slice(0, address.path.length - name.length);
  const at = (file: string): PageAddress => ({ ...address, path: folderOf(`${folder}${file}`) });
  const previous = [at(`${stem}_${page - 1}${extension}`)];
  if (page <= 2) previous.push(at(`${stem}${extension}`));
  return { page, previous };
}
