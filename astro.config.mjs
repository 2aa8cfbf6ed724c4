// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import atomicOutput from './src/integrations/atomic-output.ts';
import buildCache from './src/integrations/build-cache.ts';
import restoreLinks from './src/integrations/restore-links.ts';
import pagefind from './src/integrations/pagefind.ts';
import verifyOutput from './src/integrations/verify-output.ts';
import { markdownProcessor } from './src/markdown/index.ts';
import { siteConfig } from './src/site.config.ts';

export default defineConfig({
  site: siteConfig.url,
  base: siteConfig.base,
  trailingSlash: 'always',
  // Scripts and styles are always separate files, never inlined: a Content-Security-Policy
  // without 'unsafe-inline' then allows them, and browsers cache them across pages.
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  // 'jsx' (the default) drops the space between inline elements, so 记者 and a name in
  // separate spans would run together.
  compressHTML: true,
  markdown: { processor: markdownProcessor() },
  // Order matters: restored pages are settled (restore-links) before the search index reads
  // them, the output check reads the finished search index, and atomic output publishes the
  // staging folder only after every other build:done hook succeeded.
  integrations: [mdx(), buildCache(), restoreLinks(), pagefind(), verifyOutput(), atomicOutput()],
  devToolbar: { enabled: false },
  // A page whose getStaticPaths() cacheKey and code are unchanged since the last build is
  // restored from the cache (src/data/cache-keys.ts), by hard link (restore-links): adding
  // one article re-renders the pages that show it, not all 20,000.
  experimental: { incrementalBuild: true },
  // The content store, image cache, page copies and kept results (content checks, related
  // articles, search index parts); tests give each build its own to compare cold and warm builds.
  ...(process.env['ANNALS_CACHE_DIR'] ? { cacheDir: process.env['ANNALS_CACHE_DIR'] } : {}),
});
