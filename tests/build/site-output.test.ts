/**
 * Builds the hostile fixture site (a title, source, byline, caption and summary made of
 * `</script><script>alert(1)</script>"'&<b>`, an ordinary article and a draft) and checks:
 *
 * - escaping: the hostile text is shown literally in every place it lands (HTML text and
 *   attributes, JSON-LD, feeds, the search index metadata) and never becomes markup;
 * - determinism: the same content gives byte-identical output from a cold cache under
 *   TZ=UTC/LANG=C and from the warm cache under TZ=America/Los_Angeles/LANG=zh_CN.UTF-8;
 * - drafts appear nowhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import sax from 'sax';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, tempOutDir, treeDigest } from './build-helper.ts';

const CONTENT = 'tests/build/fixtures/hostile';
const HOSTILE = `</script><script>alert(1)</script>"'&<b>`;

const work = tempOutDir('annals-site-output-');
afterAll(() => work.remove());
const cache = join(work.parent, 'cache');
// Two builds that differ in everything at once: time zone, locale, and a cold vs a warm content cache.
const dirs = { coldUtc: join(work.parent, 'cold-utc'), warmLa: join(work.parent, 'warm-la') };
const builds = {
  coldUtc: buildSite({ contentDir: CONTENT, outDir: dirs.coldUtc, env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C', ANNALS_CACHE_DIR: cache } }),
  warmLa: buildSite({ contentDir: CONTENT, outDir: dirs.warmLa, env: { TZ: 'America/Los_Angeles', LANG: 'zh_CN.UTF-8', LC_ALL: '', ANNALS_CACHE_DIR: cache } }),
};
const site = dirs.coldUtc;

function files(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else found.push(relative(dir, full));
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}


const read = (file: string) => readFileSync(join(site, file), 'utf8');
const htmlFiles = () => files(site).filter((file) => file.endsWith('.html'));

describe('the hostile fixture site', () => {
  it('builds', () => {
    for (const build of Object.values(builds)) expect(build.status, build.output.slice(-3000)).toBe(0);
  });

  it('never turns frontmatter text into markup in any HTML page', () => {
    const pages = htmlFiles();
    expect(pages.length).toBeGreaterThan(3);
    for (const file of pages) {
      // Parsed as a browser parses it: "<" inside a quoted attribute value is text, not a tag.
      const $ = cheerio.load(read(file));
      expect($('b').length, file).toBe(0);
      // Every script is either an external module, JSON-LD, or Astro's own; none holds the hostile text as code.
      $('script').each((_index, element) => {
        const type = $(element).attr('type') ?? '';
        if (type === 'application/ld+json') return;
        expect($(element).text(), `${file}: inline script`).not.toContain('alert(');
      });
    }
  });

  it('shows the hostile title literally in the article page: heading, <title>, meta description', () => {
    const $ = cheerio.load(read('articles/hostile-title/index.html'));
    expect($('h1').first().text()).toBe(HOSTILE);
    expect($('title').text()).toContain(HOSTILE);
    expect($('meta[name="description"]').attr('content')).toContain(`${HOSTILE} 摘要`.replace('alert(1)', 'alert(4)'));
    expect($('figcaption').text()).toContain(HOSTILE.replace('alert(1)', 'alert(5)'));
    expect($('body').text()).toContain(HOSTILE.replace('alert(1)', 'alert(3)'));
  });

  it('keeps every JSON-LD block parseable, with the title as data', () => {
    let blocks = 0;
    for (const file of htmlFiles()) {
      const $ = cheerio.load(read(file));
      $('script[type="application/ld+json"]').each((_index, element) => {
        blocks += 1;
        const text = $(element).text();
        expect(() => JSON.parse(text), file).not.toThrow();
      });
    }
    expect(blocks).toBeGreaterThan(0);
    const $ = cheerio.load(read('articles/hostile-title/index.html'));
    const data = $('script[type="application/ld+json"]').toArray().map((element) => JSON.parse($(element).text()) as unknown);
    expect(JSON.stringify(data)).toContain(JSON.stringify(HOSTILE).slice(1, -1));
  });

  it('carries the title as text in every XML feed and in the JSON feed', () => {
    const feeds = files(site).filter((file) => /\.(xml)$/.test(file) && !file.startsWith('sitemap'));
    let titled = 0;
    for (const file of feeds) {
      const texts: string[] = [];
      const parser = sax.parser(true);
      let current = '';
      parser.onopentag = (tag) => { current = tag.name; };
      parser.ontext = (text) => { if (current === 'title') texts.push(text); };
      parser.oncdata = (text) => { if (current === 'title') texts.push(text); };
      parser.write(read(file)).close();
      if (texts.includes(HOSTILE)) titled += 1;
    }
    if (feeds.length > 0) expect(titled).toBeGreaterThan(0);
    for (const file of files(site).filter((f) => f.endsWith('.json') && f.startsWith('feed'))) {
      const feed = JSON.parse(read(file)) as { items?: { title?: string }[] };
      expect(feed.items?.some((item) => item.title === HOSTILE), file).toBe(true);
    }
  });

  it('stores the title as plain data in the search index metadata', () => {
    const fragments = files(site).filter((file) => file.startsWith('pagefind/fragment/'));
    const metas = fragments.map((file) => {
      const text = gunzipSync(readFileSync(join(site, file))).toString('utf8');
      return JSON.parse(text.slice(text.indexOf('{'))) as { url: string; meta: Record<string, string> };
    });
    const hostile = metas.find((fragment) => fragment.url.includes('/articles/hostile-title/'));
    expect(hostile?.meta['title']).toBe(HOSTILE);
    // A comma in a value must not start a new metadata field (data-pagefind-meta is comma-separated).
    expect(hostile?.meta['title']).not.toBe('伪造标题');
    expect(Object.values(hostile?.meta ?? {})).not.toContain('伪造标题');
  });

  it('publishes drafts nowhere: no page, no link, no feed entry, no search result', () => {
    expect(existsSync(join(site, 'articles', 'draft-story'))).toBe(false);
    for (const file of files(site)) {
      if (!/\.(html|xml|json|txt)$/.test(file)) continue;
      expect(read(file), file).not.toContain('draft-story');
      expect(read(file), file).not.toContain('尚未发布的稿件');
    }
  });

  it('is byte-identical across time zones, locales, and cold and warm content caches', () => {
    const reference = treeDigest(dirs.coldUtc);
    expect(reference.size).toBeGreaterThan(10);
    for (const other of [dirs.warmLa]) {
      const compared = treeDigest(other);
      const differing = [...new Set([...reference.keys(), ...compared.keys()])].filter((file) => reference.get(file) !== compared.get(file));
      expect(differing, `${other} differs from ${dirs.coldUtc}`).toEqual([]);
    }
  });
});
