import { describe, expect, it } from 'vitest';
import { mergeIncrementalManifests, type IncrementalManifest } from '../../src/lib/incremental-manifest.ts';

const manifest = (paths: string[], overrides: Partial<IncrementalManifest> = {}, dependencyHash = 'code-1'): IncrementalManifest => ({
  version: 1,
  configHash: 'config',
  lockfileHash: 'lock',
  keyDigest: 'key',
  routes: { 'src/pages/articles/[slug].astro': { dependencyHash, paths: Object.fromEntries(paths.map((path) => [path, { cacheKey: `k${path}`, outputFile: `${path.slice(1)}index.html` }])) } },
  ...overrides,
});

describe('mergeIncrementalManifests', () => {
  it('unites the pages of shards built from the same code', () => {
    const merged = mergeIncrementalManifests([
      { source: 'a', manifest: manifest(['/articles/x/']) },
      { source: 'b', manifest: manifest(['/articles/y/', '/articles/z/']) },
    ]);
    expect(Object.keys(merged.routes['src/pages/articles/[slug].astro']?.paths ?? {})).toEqual(['/articles/x/', '/articles/y/', '/articles/z/']);
    expect(merged.configHash).toBe('config');
  });

  it('refuses shards built from other code, configuration or lockfile', () => {
    expect(() => mergeIncrementalManifests([{ source: 'a', manifest: manifest(['/a/']) }, { source: 'b', manifest: manifest(['/b/'], {}, 'code-2') }])).toThrow(/b: .* other code than in a/);
    expect(() => mergeIncrementalManifests([{ source: 'a', manifest: manifest(['/a/']) }, { source: 'b', manifest: manifest(['/b/'], { configHash: 'other' }) }])).toThrow(/Astro configuration/);
    expect(() => mergeIncrementalManifests([{ source: 'a', manifest: manifest(['/a/']) }, { source: 'b', manifest: manifest(['/b/'], { lockfileHash: 'other' }) }])).toThrow(/package-lock/);
  });

  it('refuses a page built by two shards and an unknown manifest version', () => {
    expect(() => mergeIncrementalManifests([{ source: 'a', manifest: manifest(['/x/']) }, { source: 'b', manifest: manifest(['/x/']) }])).toThrow(/\/x\/ was also built by a/);
    expect(() => mergeIncrementalManifests([{ source: 'a', manifest: manifest([], { version: 2 }) }])).toThrow(/version 2/);
    expect(() => mergeIncrementalManifests([])).toThrow(/no shard caches/);
  });
});
