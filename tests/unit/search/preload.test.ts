import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { firstSearchFiles, importedModules, withSearchPreloads, writeSearchPreloads } from '../../../src/lib/search/preload.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const pagefindDir = (entry: unknown) => {
  const dir = mkdtempSync(join(tmpdir(), 'annals-preload-'));
  folders.push(dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pagefind-entry.json'), JSON.stringify(entry));
  return dir;
};

describe('firstSearchFiles', () => {
  test('names Pagefind’s module, the folding table and the parts’ manifest, not a part’s metadata or WebAssembly: the part a search opens depends on its query', () => {
    const dir = pagefindDir({ version: '1.6.0', languages: { 'zh-cn-x-2025-2026': { hash: 'zh-cn-x-2025-2026_a6c5', wasm: null, page_count: 3 } } });
    expect(firstSearchFiles(dir)).toEqual(['pagefind.js', 'annals-fold.txt', 'annals-shards.json']);
  });

  test('adds the recent-changes part’s metadata when the manifest names the part, which the first search merges', () => {
    const dir = pagefindDir({ languages: { 'zh-cn-x-2025-2026': { hash: 'zh-cn-x-2025-2026_a6c5', wasm: null } } });
    mkdirSync(join(dir, 'shards', 'recent'), { recursive: true });
    writeFileSync(join(dir, 'shards', 'recent', 'pagefind-entry.json'), JSON.stringify({ languages: { 'zh-cn-x-recent': { hash: 'zh-cn-x-recent_77f0', wasm: null } } }));
    writeFileSync(join(dir, 'annals-shards.json'), JSON.stringify({ merge: [], shards: [], recent: { path: 'shards/recent/', stale: [], pages: {} } }));
    expect(firstSearchFiles(dir).slice(3)).toEqual(['shards/recent/pagefind.zh-cn-x-recent_77f0.pf_meta']);
  });

  test('refuses a recent part’s entry with several languages: which metadata the page merges would be a guess', () => {
    const dir = pagefindDir({ languages: { en: { hash: 'en_1', wasm: null } } });
    mkdirSync(join(dir, 'shards', 'recent'), { recursive: true });
    writeFileSync(join(dir, 'shards', 'recent', 'pagefind-entry.json'), JSON.stringify({ languages: { en: { hash: 'en_1', wasm: null }, fr: { hash: 'fr_1', wasm: null } } }));
    writeFileSync(join(dir, 'annals-shards.json'), JSON.stringify({ merge: [], shards: [], recent: { path: 'shards/recent/', stale: [], pages: {} } }));
    expect(() => firstSearchFiles(dir)).toThrow(/2 languages/);
  });
});

describe('importedModules', () => {
  test('follows the page’s module scripts through their static imports, not dynamic ones', () => {
    const site = mkdtempSync(join(tmpdir(), 'annals-preload-site-'));
    folders.push(site);
    mkdirSync(join(site, '_astro'));
    writeFileSync(join(site, '_astro', 'search.js'), 'import{a as e,t as n}from"./shared.js";import"./side.js";const p=()=>import("./lazy.js");');
    writeFileSync(join(site, '_astro', 'shared.js'), 'export{x as a}from"./deeper.js";');
    writeFileSync(join(site, '_astro', 'side.js'), '');
    writeFileSync(join(site, '_astro', 'deeper.js'), '');
    writeFileSync(join(site, '_astro', 'lazy.js'), '');
    const html = '<script type="module" src="/archive/_astro/search.js"></script><script type="module" src="https://cdn.example/x.js"></script>';
    expect(importedModules(html, site, '/archive')).toEqual(['/archive/_astro/shared.js', '/archive/_astro/deeper.js', '/archive/_astro/side.js']);
  });
});

describe('withSearchPreloads', () => {
  const html = '<html><head><meta charset="utf-8"><title>搜索</title></head><body></body></html>';
  const hrefs = ['/archive/pagefind/pagefind.js', '/archive/pagefind/annals-fold.txt', '/archive/pagefind/wasm.unknown.pagefind'];

  test('puts a module preload for a module and fetch preloads for the rest at the end of the head', () => {
    const out = withSearchPreloads(html, hrefs);
    expect(out).toContain('<link rel="modulepreload" href="/archive/pagefind/pagefind.js" data-annals-preload>');
    expect(out).toContain('<link rel="preload" href="/archive/pagefind/wasm.unknown.pagefind" as="fetch" crossorigin data-annals-preload></head>');
    expect(out.indexOf('<title>')).toBeLessThan(out.indexOf('modulepreload'));
  });

  test('replaces the links of a previous build instead of adding more', () => {
    const once = withSearchPreloads(html, hrefs);
    const again = withSearchPreloads(once, ['/pagefind/pagefind.js']);
    expect(again.match(/data-annals-preload/g)).toHaveLength(1);
  });
});

describe('writeSearchPreloads', () => {
  test('writes this index’s preloads into the search page, replacing a hard link rather than writing through it', () => {
    const site = mkdtempSync(join(tmpdir(), 'annals-preload-write-'));
    folders.push(site);
    mkdirSync(join(site, 'search'));
    mkdirSync(join(site, 'pagefind', 'shards', 'recent'), { recursive: true });
    writeFileSync(join(site, 'pagefind', 'pagefind-entry.json'), JSON.stringify({ languages: { 'zh-cn-x-2026': { hash: 'zh-cn-x-2026_be5d', wasm: null } } }));
    writeFileSync(join(site, 'pagefind', 'shards', 'recent', 'pagefind-entry.json'), JSON.stringify({ languages: { 'zh-cn-x-recent': { hash: 'zh-cn-x-recent_77f0', wasm: null } } }));
    writeFileSync(join(site, 'pagefind', 'annals-shards.json'), JSON.stringify({ merge: [], shards: [], recent: { path: 'shards/recent/', stale: [], pages: {} } }));
    const other = join(site, 'other-site-search.html');
    writeFileSync(other, '<html><head><link rel="preload" href="/pagefind/shards/recent/pagefind.zh-cn-x-recent_a6c5.pf_meta" as="fetch" crossorigin data-annals-preload></head><body></body></html>');
    linkSync(other, join(site, 'search', 'index.html'));
    writeSearchPreloads(site, '/');
    const page = readFileSync(join(site, 'search', 'index.html'), 'utf8');
    expect(page).toContain('href="/pagefind/shards/recent/pagefind.zh-cn-x-recent_77f0.pf_meta"');
    expect(page).not.toContain('recent_a6c5');
    expect(readFileSync(other, 'utf8')).toContain('recent_a6c5.pf_meta');
  });
});
