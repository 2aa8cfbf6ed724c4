/**
 * `npm run assemble:shards -- --into CACHE_DIR SHARD_CACHE…`: merges the caches of sharded
 * builds (each run with ANNALS_BUILD_YEARS and its own ANNALS_CACHE_DIR) into one cache
 * dir, so that `ANNALS_CACHE_DIR=CACHE_DIR npm run build` copies every article page and
 * every search part from the shards and renders only the listings (docs/sharded-builds.md).
 *
 * What is merged: Astro's incremental-build manifest (src/lib/incremental-manifest.ts
 * refuses shards that do not belong together), the page copies under `dist/`, and the
 * search index parts under `annals-search/` with their records. The content store and image cache are not:
 * the assembling build makes its own.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeIncrementalManifests, type IncrementalManifest } from '../src/lib/incremental-manifest.ts';
import { DOCUMENTS_FILE } from '../src/lib/search/indexer.ts';

const { values, positionals } = parseArgs({ options: { into: { type: 'string' } }, allowPositionals: true });
if (!values.into || positionals.length === 0) {
  console.error('usage: npm run assemble:shards -- --into CACHE_DIR SHARD_CACHE…');
  process.exit(2);
}
const into = resolve(values.into);
const MANIFEST = 'incremental-build.json';

const shards = positionals.map((dir) => resolve(dir));
for (const dir of shards) {
  if (!existsSync(join(dir, MANIFEST))) {
    console.error(`${dir}: no ${MANIFEST}: not the cache dir of a finished sharded build (ANNALS_CACHE_DIR of an ANNALS_BUILD_YEARS build)`);
    process.exit(1);
  }
}
try {
  const merged = mergeIncrementalManifests(shards.map((dir) => ({ source: dir, manifest: JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as IncrementalManifest })));
  mkdirSync(into, { recursive: true });
  let parts = 0;
  for (const dir of shards) {
    if (existsSync(join(dir, 'dist'))) cpSync(join(dir, 'dist'), join(into, 'dist'), { recursive: true });
    const search = join(dir, 'annals-search');
    for (const part of existsSync(search) ? readdirSync(search) : []) {
      // Each shard's fingerprints cover its own pages only; the assembling build takes them again.
      if (part === DOCUMENTS_FILE) continue;
      cpSync(join(search, part), join(into, 'annals-search', part), { recursive: true });
      // A part is a folder; beside it is its record (`<folder>.json`, src/lib/search/indexer.ts).
      if (!part.endsWith('.json')) parts++;
    }
  }
  writeFileSync(join(into, MANIFEST), JSON.stringify(merged, null, '\t'));
  const pages = Object.values(merged.routes).reduce((sum, route) => sum + Object.keys(route.paths).length, 0);
  console.log(`assemble:shards: ${shards.length} shard caches → ${into}: ${pages} pages, ${parts} search part${parts === 1 ? '' : 's'}`);
} catch (error) {
  console.error(`assemble:shards: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
