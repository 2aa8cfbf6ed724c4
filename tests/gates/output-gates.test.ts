/**
 * Output gates over the built site (`npm run build` first; `npm test` runs them after the
 * build): valid HTML by the W3C Nu checker, no broken link or #fragment, feeds that parse
 * (Atom checked against RFC 4287), a well-formed sitemap of absolute URLs, JSON-LD that
 * parses, and a Content-Security-Policy without 'unsafe-inline' on every page.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST, fileForUrl, parseXml, projectRoot, readSite, requireDist, samplePages, siteFiles, SITE, urlOfFile, type XmlElement } from './dist.ts';

beforeAll(requireDist);

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const ATOM = 'http://www.w3.org/2005/Atom';

describe('W3C Nu HTML checker', () => {
  it('finds zero errors on every page type and a sample of articles', () => {
    const pages = samplePages();
    expect(pages.length).toBeGreaterThan(3);
    const jar = join(projectRoot, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
    const run = spawnSync('java', ['-Xss4m', '-jar', jar, '--errors-only', '--format', 'json', ...pages.map((page) => join(DIST, page))], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.error, 'java must be installed (Java 17)').toBeUndefined();
    const report = JSON.parse(run.stderr || run.stdout || '{"messages":[]}') as { messages: { type: string; url?: string; lastLine?: number; message: string; extract?: string }[] };
    const errors = report.messages
      .filter((message) => message.type === 'error' || message.type === 'non-document-error')
      .map((message) => `${(message.url ?? '').replace(`file:${DIST}/`, '')}:${message.lastLine ?? '?'}: ${message.message}`);
    expect(errors).toEqual([]);
  }, 180_000);
});

describe('links', () => {
  it('has no broken link, asset or #fragment on any page', () => {
    const files = new Set(siteFiles());
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      let found = ids.get(file);
      if (!found) {
        const $ = cheerio.load(readSite(file));
        found = new Set($('[id], a[name]').toArray().map((element) => $(element).attr('id') ?? $(element).attr('name') ?? ''));
        ids.set(file, found);
      }
      return found;
    };
    const broken: string[] = [];
    let checked = 0;
    for (const page of [...files].filter((file) => file.endsWith('.html'))) {
      const $ = cheerio.load(readSite(page));
      const base = urlOfFile(page);
      const targets = [
        ...$('a[href], link[href], area[href]').toArray().map((element) => $(element).attr('href') ?? ''),
        ...$('script[src], img[src], source[src], iframe[src]').toArray().map((element) => $(element).attr('src') ?? ''),
        ...$('img[srcset], source[srcset]').toArray().flatMap((element) => ($(element).attr('srcset') ?? '').split(',').map((part) => part.trim().split(/\s+/)[0] ?? '')),
      ];
      for (const target of targets) {
        if (target === '') continue;
        const url = URL.parse(target, base);
        if (url === null) {
          broken.push(`${page}: ${target}: not a URL a browser can follow`);
          continue;
        }
        if (!['http:', 'https:', 'mailto:', 'tel:'].includes(url.protocol)) {
          broken.push(`${page}: ${target}: ${url.protocol} links are not allowed`);
          continue;
        }
        const file = fileForUrl(url);
        if (file === undefined) continue; // another site
        checked += 1;
        // Pagefind's index is not walked (siteFiles), but what a page links into it must exist.
        if (!files.has(file) && !(file.startsWith('pagefind/') && existsSync(join(DIST, file)))) {
          broken.push(`${page}: ${target}: no file ${file}`);
          continue;
        }
        if (url.hash && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(url.hash.slice(1)))) {
          broken.push(`${page}: ${target}: ${file} has no element with id "${decodeURIComponent(url.hash.slice(1))}"`);
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });
});

/** Child elements by local name, in the parent's namespace (so RSS's link is not atom:link). */
function child(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((candidate) => candidate.name === name && candidate.attributes['xmlns'] === element.attributes['xmlns']);
}

/** RFC 4287's constraints on atom:feed and atom:entry (sections 4.1.1, 4.1.2, 4.2.6, 3.3). */
function atomProblems(feed: XmlElement): string[] {
  const problems: string[] = [];
  if (feed.name !== 'feed' || feed.attributes['xmlns'] !== ATOM) return [`the root is not atom:feed in ${ATOM}`];
  const one = (element: XmlElement, name: string, where: string) => {
    const found = child(element, name);
    if (found.length !== 1) problems.push(`${where} must have exactly one atom:${name} (has ${found.length})`);
    return found[0];
  };
  const date = (element: XmlElement | undefined, where: string) => {
    if (element && !RFC3339.test(element.text.trim())) problems.push(`${where}: "${element.text.trim()}" is not an RFC 3339 date-time`);
  };
  const iri = (element: XmlElement | undefined, where: string) => {
    if (element && !/^[a-z][a-z0-9+.-]*:/i.test(element.text.trim())) problems.push(`${where}: atom:id "${element.text.trim()}" is not an absolute IRI`);
  };
  iri(one(feed, 'id', 'atom:feed'), 'atom:feed');
  one(feed, 'title', 'atom:feed');
  date(one(feed, 'updated', 'atom:feed'), 'atom:feed/updated');
  if (!child(feed, 'link').some((link) => link.attributes['rel'] === 'self')) problems.push('atom:feed should have a link rel="self" (RFC 4287 4.1.1)');
  const entries = child(feed, 'entry');
  const feedHasAuthor = child(feed, 'author').length > 0;
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    const where = `atom:entry[${index + 1}]`;
    const id = one(entry, 'id', where);
    iri(id, where);
    if (id) {
      if (ids.has(id.text.trim())) problems.push(`${where}: atom:id ${id.text.trim()} is used twice`);
      ids.add(id.text.trim());
    }
    one(entry, 'title', where);
    date(one(entry, 'updated', where), `${where}/updated`);
    date(child(entry, 'published')[0], `${where}/published`);
    if (!feedHasAuthor && child(entry, 'author').length === 0 && child(entry, 'source').length === 0) problems.push(`${where} has no atom:author and neither has the feed`);
    for (const author of child(entry, 'author')) if (child(author, 'name').length !== 1) problems.push(`${where}: atom:author needs exactly one atom:name`);
    const content = child(entry, 'content');
    if (content.length === 0 && !child(entry, 'link').some((link) => (link.attributes['rel'] ?? 'alternate') === 'alternate')) problems.push(`${where} has neither atom:content nor a link rel="alternate"`);
    for (const link of child(entry, 'link')) if (!link.attributes['href']) problems.push(`${where}: atom:link without href`);
  });
  return problems;
}

function feedFiles(): { xml: string[]; json: string[] } {
  const files = siteFiles();
  const xml = files.filter((file) => file.endsWith('.xml') && !/sitemap/.test(file)).filter((file) => /<(rss|feed)[\s>]/.test(readSite(file)));
  const json = files.filter((file) => file.endsWith('.json')).filter((file) => readSite(file).includes('jsonfeed.org/version/'));
  return { xml, json };
}

describe('feeds', () => {
  const { xml, json } = feedFiles();

  it('exist: the site publishes at least one feed', () => {
    expect(xml.length + json.length).toBeGreaterThan(0);
  });

  it('parse as XML; Atom feeds satisfy RFC 4287; RSS feeds have channel, titles, links and RFC 822 dates', () => {
    const problems: string[] = [];
    for (const file of xml) {
      let root: XmlElement;
      try {
        root = parseXml(readSite(file));
      } catch (error) {
        problems.push(`${file}: not well-formed XML: ${String(error)}`);
        continue;
      }
      if (root.name === 'feed') problems.push(...atomProblems(root).map((problem) => `${file}: ${problem}`));
      else if (root.name === 'rss') {
        const channel = child(root, 'channel')[0];
        if (!channel) problems.push(`${file}: rss has no channel`);
        for (const name of ['title', 'link', 'description']) if (channel && child(channel, name).length !== 1) problems.push(`${file}: channel needs one ${name}`);
        for (const item of channel ? child(channel, 'item') : []) {
          if (child(item, 'title').length + child(item, 'description').length === 0) problems.push(`${file}: an item has neither title nor description`);
          const date = child(item, 'pubDate')[0]?.text.trim();
          if (date !== undefined && !/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (?:[+-]\d{4}|GMT)$/.test(date)) problems.push(`${file}: pubDate "${date}" is not an RFC 822 date`);
          const link = child(item, 'link')[0]?.text.trim();
          if (link !== undefined) {
            const target = fileForUrl(new URL(link));
            if (target === undefined || !siteFiles().includes(target)) problems.push(`${file}: item link ${link} is not a page of this site`);
          }
        }
      } else problems.push(`${file}: root element ${root.name} is neither rss nor feed`);
    }
    for (const file of json) {
      const feed = JSON.parse(readSite(file)) as { version?: string; title?: string; items?: { id?: string; url?: string; content_html?: string; content_text?: string }[] };
      if (!feed.title) problems.push(`${file}: JSON Feed without title`);
      for (const item of feed.items ?? []) {
        if (!item.id) problems.push(`${file}: item without id`);
        if (item.content_html === undefined && item.content_text === undefined) problems.push(`${file}: item ${item.id} has neither content_html nor content_text`);
        if (item.url !== undefined && !/^https?:\/\//.test(item.url)) problems.push(`${file}: item url ${item.url} is not absolute`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('sitemap', () => {
  it('is well-formed XML whose every loc is an absolute URL of a page that exists', () => {
    const files = siteFiles();
    const sitemaps = files.filter((file) => /^sitemap.*\.xml$/.test(file));
    expect(sitemaps.length).toBeGreaterThan(0);
    const problems: string[] = [];
    let locs = 0;
    for (const file of sitemaps) {
      const root = parseXml(readSite(file));
      if (!['urlset', 'sitemapindex'].includes(root.name) || root.attributes['xmlns'] !== 'http://www.sitemaps.org/schemas/sitemap/0.9') problems.push(`${file}: root is not a sitemaps.org 0.9 urlset or sitemapindex`);
      for (const entry of root.children) {
        const loc = child(entry, 'loc')[0]?.text.trim() ?? '';
        locs += 1;
        if (!/^https?:\/\//.test(loc)) {
          problems.push(`${file}: loc "${loc}" is not an absolute URL`);
          continue;
        }
        const target = fileForUrl(new URL(loc));
        if (target === undefined || !files.includes(target)) problems.push(`${file}: ${loc} is not a page of this site (${SITE.href})`);
        const lastmod = child(entry, 'lastmod')[0]?.text.trim();
        if (lastmod !== undefined && !/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(lastmod)) problems.push(`${file}: lastmod "${lastmod}" is not a W3C date`);
      }
    }
    expect(locs).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('is an index at /sitemap.xml listing every sitemap file once, each within sitemaps.org limits, each URL in one file', () => {
    const files = siteFiles();
    const index = parseXml(readSite('sitemap.xml'));
    expect(index.name).toBe('sitemapindex');
    const listed = index.children.map((entry) => fileForUrl(new URL(child(entry, 'loc')[0]?.text.trim() ?? '')));
    const sitemapFiles = files.filter((file) => /^sitemaps\/.*\.xml$/.test(file));
    expect([...listed].sort()).toEqual([...sitemapFiles].sort());
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const file of sitemapFiles) {
      const text = readSite(file);
      const root = parseXml(text);
      if (root.name !== 'urlset') problems.push(`${file}: not a urlset`);
      if (root.children.length > 50_000) problems.push(`${file}: ${root.children.length} URLs, over sitemaps.org's 50,000`);
      if (Buffer.byteLength(text) > 50 * 1024 * 1024) problems.push(`${file}: over sitemaps.org's 50 MB`);
      for (const entry of root.children) {
        const loc = child(entry, 'loc')[0]?.text.trim() ?? '';
        const earlier = seen.get(loc);
        if (earlier) problems.push(`${loc} is in both ${earlier} and ${file}`);
        seen.set(loc, file);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('JSON-LD', () => {
  it('parses in every page, with a schema.org context', () => {
    const problems: string[] = [];
    let blocks = 0;
    for (const page of siteFiles().filter((file) => file.endsWith('.html'))) {
      const $ = cheerio.load(readSite(page));
      $('script[type="application/ld+json"]').each((_index, element) => {
        blocks += 1;
        try {
          const data = JSON.parse($(element).text()) as Record<string, unknown>;
          if (!String(data['@context'] ?? '').includes('schema.org')) problems.push(`${page}: JSON-LD without a schema.org @context`);
        } catch (error) {
          problems.push(`${page}: JSON-LD does not parse: ${String(error)}`);
        }
      });
    }
    expect(blocks).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

describe('Content-Security-Policy', () => {
  it('is set on every page before any script, without unsafe-inline or unsafe-eval, and allows every inline script by hash', () => {
    const problems: string[] = [];
    for (const page of siteFiles().filter((file) => file.endsWith('.html'))) {
      const $ = cheerio.load(readSite(page));
      const metas = $('meta[http-equiv]').filter((_index, element) => ($(element).attr('http-equiv') ?? '').toLowerCase() === 'content-security-policy');
      if (metas.length !== 1) {
        problems.push(`${page}: ${metas.length} Content-Security-Policy meta elements`);
        continue;
      }
      const meta = metas.first();
      if (meta.parent().get(0)?.tagName !== 'head') problems.push(`${page}: the CSP meta is not in <head>`);
      const firstScript = $('script').first();
      if (firstScript.length > 0 && $('head *').index(firstScript) !== -1 && $('head *').index(firstScript) < $('head *').index(meta)) problems.push(`${page}: a script comes before the CSP meta`);
      const policy = meta.attr('content') ?? '';
      const directives = new Map(policy.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
        const [name = '', ...values] = part.split(/\s+/);
        return [name.toLowerCase(), values] as const;
      }));
      const scriptSrc = directives.get('script-src') ?? directives.get('default-src') ?? [];
      if (scriptSrc.length === 0) problems.push(`${page}: no script-src`);
      for (const forbidden of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) {
        if (scriptSrc.includes(forbidden)) problems.push(`${page}: script-src allows ${forbidden}`);
      }
      if (!(directives.get('object-src') ?? []).includes("'none'")) problems.push(`${page}: object-src is not 'none'`);
      $('script:not([src])').each((_index, element) => {
        const type = ($(element).attr('type') ?? '').toLowerCase();
        if (type === 'application/ld+json' || type === 'application/json') return;
        const hash = `'sha256-${createHash('sha256').update($(element).html() ?? '').digest('base64')}'`;
        if (!scriptSrc.includes(hash)) problems.push(`${page}: an inline script is not allowed by hash ${hash}`);
      });
      $('*').each((_index, element) => {
        for (const name of Object.keys((element as { attribs?: Record<string, string> }).attribs ?? {})) {
          if (/^on/i.test(name)) problems.push(`${page}: <${(element as { tagName?: string }).tagName} ${name}=…> is an inline event handler, which the policy blocks`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('lets Pagefind run: WebAssembly is allowed and its files are on this origin', () => {
    const search = readSite('search/index.html');
    const policy = /http-equiv="content-security-policy" content="([^"]*)"/i.exec(search)?.[1] ?? '';
    expect(policy).toContain("'wasm-unsafe-eval'");
    expect(existsSync(join(DIST, 'pagefind', 'pagefind.js'))).toBe(true);
  });
});
