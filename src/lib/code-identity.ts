/**
 * A digest of the code a module runs: its own file and every file it imports statically,
 * transitively. Results computed by that code and kept between builds (related articles,
 * `src/lib/related-cache.ts`) are keyed by it, so changing the code, or anything it
 * imports, never reuses a result the old code computed.
 *
 * In a build the module is a bundled chunk (`.astro/.prerender/chunks/…mjs`) whose imports
 * are other chunks; under vitest it is the TypeScript source. Either way the files are read
 * as they are on disk: bare imports (packages) are covered by Astro's lockfile hash, which
 * already drops the whole incremental cache when a dependency changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Relative specifiers of static imports and re-exports, minified or not; never `import(…)`. */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/** The digest of the module at `moduleUrl` and its static relative imports; undefined when it is not a readable file. */
export function codeIdentity(moduleUrl: string): string | undefined {
  if (!moduleUrl.startsWith('file:')) return undefined;
  const start = fileURLToPath(moduleUrl);
  const seen = new Set<string>();
  const pending = [start];
  const hash = createHash('sha256');
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!existsSync(file)) return undefined;
    const source = readFileSync(file, 'utf8');
    hash.update(`${file.length}:${file}${source.length}:${source}`);
    for (const [, specifier] of source.matchAll(STATIC_IMPORT)) {
      if (specifier) pending.push(resolve(dirname(file), specifier));
    }
  }
  return hash.digest('base64url');
}
