/**
 * Tells the site's own code where Astro's cache folder is (`cacheDir`, `ANNALS_CACHE_DIR`),
 * so results that depend only on the content and the code can be kept between builds
 * beside Astro's own (related articles: `src/data/site-index.ts`).
 *
 * Pages run inside the prerender bundle, integrations in Astro's module graph: two copies
 * of every module in one process, so the folder is handed over on `globalThis` under a
 * `Symbol.for` key, as the articles loader hands over what it saw (`content-record.ts`).
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const KEY = Symbol.for('annals.cache-dir');

type Registry = { [KEY]?: string };

/** The cache folder of the running build or dev server, absolute; undefined outside Astro (scripts, unit tests). */
export function buildCacheDir(): string | undefined {
  return (globalThis as Registry)[KEY];
}

export default function buildCache(): AstroIntegration {
  return {
    name: 'annals:build-cache',
    hooks: {
      'astro:config:done': ({ config }) => {
        (globalThis as Registry)[KEY] = fileURLToPath(config.cacheDir);
      },
    },
  };
}
