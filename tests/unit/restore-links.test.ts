import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AstroPrerenderer } from 'astro';
import { afterAll, describe, expect, it } from 'vitest';
import { releasingPrerenderer, unsupportedReason } from '../../src/integrations/restore-links.ts';
import { onRenderedPage } from '../../src/lib/rendered-pages.ts';
import { LinkedPages, outputFileOf, RestoreLinkError } from '../../src/lib/restore-links.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-restore-links-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    // Cached copies were written by an earlier build.
    utimesSync(join(root, file), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  }
}

/** A cache with three pages, an earlier output linked from it, and a fresh output folder with one bundler file. */
function setUp(name: string) {
  const root = join(work, name);
  const cache = join(root, 'cache', 'dist');
  write(cache, { 'index.html': 'home', 'articles/a/index.html': 'a', 'articles/b/index.html': 'b', 'feed.xml': 'feed' });
  const out = join(root, 'out');
  write(out, { '_astro/site.css': 'css', 'feed.xml': 'the bundler wrote this' });
  return { root, cache, out, links: new LinkedPages(cache, out) };
}

describe('cached pages restored by hard link', () => {
  it('are linked into the output folder, leaving files already there alone', () => {
    const { cache, out, links } = setUp('link');
    expect(links.linkAll()).toBe(3);
    expect(statSync(join(out, 'articles/a/index.html')).ino).toBe(statSync(join(cache, 'articles/a/index.html')).ino);
    expect(readFileSync(join(out, 'feed.xml'), 'utf8')).toBe('the bundler wrote this');
    expect(links.finish(new Set(['index.html', 'articles/a/index.html', 'articles/b/index.html', 'feed.xml']))).toEqual({ kept: 3, released: 0, removed: 0 });
  });

  it('never let a page rendered again write through into the cache or an earlier output', () => {
    const { root, cache, out, links } = setUp('release');
    links.linkAll();
    // An earlier published output holding the cache's copy, as after a build that linked.
    const earlier = join(root, 'earlier.html');
    linkSync(join(cache, 'articles/a/index.html'), earlier);
    links.release('articles/a/index.html');
    // What Astro does next: write the page and its cache copy.
    writeFileSync(join(out, 'articles/a/index.html'), 'a, edited');
    writeFileSync(join(cache, 'articles/a/index.html'), 'a, edited');
    expect(readFileSync(earlier, 'utf8')).toBe('a');
    expect(links.finish(new Set(['index.html', 'articles/a/index.html', 'articles/b/index.html']))).toEqual({ kept: 2, released: 1, removed: 0 });
  });

  it('removes linked pages the build did not produce, and their empty folders', () => {
    const { out, links } = setUp('stale');
    links.linkAll();
    expect(links.finish(new Set(['index.html', 'articles/a/index.html', 'feed.xml']))).toEqual({ kept: 2, released: 0, removed: 1 });
    expect(existsSync(join(out, 'articles/b'))).toBe(false);
    expect(existsSync(join(out, 'articles/a/index.html'))).toBe(true);
    // The bundler's file of the same name as a cached page stays.
    expect(readFileSync(join(out, 'feed.xml'), 'utf8')).toBe('the bundler wrote this');
  });

  it('refuse to finish when a linked page was written through', () => {
    const { cache, out, links } = setUp('written-through');
    links.linkAll();
    writeFileSync(join(out, 'articles/b/index.html'), 'b, written through');
    expect(readFileSync(join(cache, 'articles/b/index.html'), 'utf8')).toBe('b, written through');
    expect(() => links.finish(new Set(['index.html', 'articles/a/index.html', 'articles/b/index.html']))).toThrow(RestoreLinkError);
  });

  it('link nothing when there is no cache', () => {
    const links = new LinkedPages(join(work, 'none'), join(work, 'none-out'));
    expect(links.linkAll()).toBe(0);
    expect(links.finish(new Set())).toEqual({ kept: 0, released: 0, removed: 0 });
  });
});

describe('the output file of a request', () => {
  it('is where Astro writes it with build.format directory', () => {
    expect(outputFileOf('/', '/', 'page')).toBe('index.html');
    expect(outputFileOf('/articles/a/', '/', 'page')).toBe('articles/a/index.html');
    expect(outputFileOf('/404/', '/', 'page')).toBe('404.html');
    expect(outputFileOf('/feed.xml', '/', 'endpoint')).toBe('feed.xml');
    expect(outputFileOf('/sitemaps/1.xml', '/', 'endpoint')).toBe('sitemaps/1.xml');
    expect(outputFileOf('/annals/', '/annals', 'page')).toBe('index.html');
    expect(outputFileOf('/annals/tags/%E5%85%9A%E5%BB%BA/', '/annals/', 'page')).toBe('tags/党建/index.html');
    expect(outputFileOf('/elsewhere/a/', '/annals/', 'page')).toBeUndefined();
  });
});

describe('the prerenderer that releases linked pages', () => {
  it('releases the page before the inner prerenderer renders it', async () => {
    const { cache, out, links } = setUp('prerenderer');
    links.linkAll();
    const seen: boolean[] = [];
    const inner: AstroPrerenderer = {
      name: 'inner',
      getStaticPaths: () => Promise.resolve([]),
      render: () => {
        seen.push(existsSync(join(out, 'articles/b/index.html')), existsSync(join(cache, 'articles/b/index.html')));
        return Promise.resolve(new Response('b'));
      },
    };
    const wrapped = releasingPrerenderer(inner, links, '/');
    await wrapped.render(new Request('http://site/articles/b/'), { routeData: { type: 'page' } as never });
    expect(seen).toEqual([false, false]);
    await expect(wrapped.render(new Request('http://site/'), { routeData: { type: 'page' } as never })).resolves.toBeInstanceOf(Response);
  });

  it('announces each page it rendered, with its file and HTML, and still returns the whole body to Astro', async () => {
    const { links } = setUp('announcing');
    const inner: AstroPrerenderer = {
      name: 'inner',
      getStaticPaths: () => Promise.resolve([]),
      render: (request) => Promise.resolve(new URL(request.url).pathname === '/gone/' ? new Response('moved', { status: 301 }) : new Response(`<p>${new URL(request.url).pathname}</p>`)),
    };
    const wrapped = releasingPrerenderer(inner, links, '/');
    const announced: [string, string][] = [];
    const stop = onRenderedPage((file, html) => announced.push([file, html]));
    try {
      const response = await wrapped.render(new Request('http://site/articles/c/'), { routeData: { type: 'page' } as never });
      expect(await (response as Response).text()).toBe('<p>/articles/c/</p>');
      await wrapped.render(new Request('http://site/feed.xml'), { routeData: { type: 'endpoint' } as never });
      await wrapped.render(new Request('http://site/gone/'), { routeData: { type: 'page' } as never });
    } finally {
      stop();
    }
    await wrapped.render(new Request('http://site/articles/d/'), { routeData: { type: 'page' } as never });
    expect(announced).toEqual([['articles/c/index.html', '<p>/articles/c/</p>']]);
  });
});

describe('restoring by link', () => {
  const ok = { astroVersion: '7.3.5', format: 'directory', incremental: true, hasSetPrerenderer: true };
  it('is used with Astro 7, directory output and incremental builds', () => {
    expect(unsupportedReason(ok)).toBeUndefined();
  });
  it('falls back, saying why, with another Astro, format, or without the hook', () => {
    expect(unsupportedReason({ ...ok, astroVersion: '8.0.0' })).toMatch(/Astro 8\.0\.0/);
    expect(unsupportedReason({ ...ok, format: 'file' })).toMatch(/build\.format is 'file'/);
    expect(unsupportedReason({ ...ok, hasSetPrerenderer: false })).toMatch(/setPrerenderer/);
    expect(unsupportedReason({ ...ok, incremental: false })).toMatch(/incrementalBuild/);
  });
});
