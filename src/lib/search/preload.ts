/**
 * Preload links for the search page (Node only, after indexing): the files every first
 * search needs, requested while the page's HTML is still being read instead of one after
 * another as each script asks (page → script → its shared chunk → Pagefind's module → its
 * entry file → its metadata and WebAssembly). On a 4G link each step of that chain is a
 * round trip, and with the CPU slowed each waits for the main thread.
 *
 * The recent-changes part's metadata has a content hash in its name, so the links are
 * written into the built page once the index exists (`src/integrations/pagefind.ts`).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FOLD_TABLE_FILE } from './files.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from './shards.ts';

interface PagefindEntry {
  languages: Record<string, { hash: string; wasm: string | null }>;
}

/** The one language of an index part (its own tag, `shards.ts`), from its entry file. */
function partLanguageEntry(partDir: string): { hash: string; wasm: string | null } {
  const entry = JSON.parse(readFileSync(join(partDir, 'pagefind-entry.json'), 'utf8')) as PagefindEntry;
  const languages = Object.values(entry.languages);
  const language = languages[0];
  if (!language || languages.length !== 1) throw new Error(`${partDir}/pagefind-entry.json lists ${languages.length} languages; an index part has exactly one`);
  return language;
}

/**
 * The files under `/pagefind/` that the first search always loads: Pagefind's module, the
 * folding table, the manifest, and the recent-changes part's metadata when the manifest
 * names one (the engine merges it before the first answer). Not the first part's metadata
 * or WebAssembly: the part a search starts in depends on its query (`word-parts.ts`), and
 * a preload of the newest part's would cost a search answered elsewhere about 200 KB it
 * never uses. Not an entry file either: Pagefind asks for it with a time stamp
 * (`pagefind-entry.json?ts=…`), which a preload cannot match.
 */
export function firstSearchFiles(pagefindDir: string): string[] {
  const files = ['pagefind.js', FOLD_TABLE_FILE, SHARD_MANIFEST_FILE];
  const manifestFile = join(pagefindDir, SHARD_MANIFEST_FILE);
  const recentPath = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as ShardManifest).recent?.path : undefined;
  if (recentPath) files.push(`${recentPath}pagefind.${partLanguageEntry(join(pagefindDir, recentPath)).hash}.pf_meta`);
  return files;
}

/**
 * The modules the page's own module scripts import statically (the bundler's shared chunks),
 * transitively, as URL paths: the browser finds each only once it has read the one before.
 * `siteDir` is the built site and `base` its path prefix.
 */
export function importedModules(html: string, siteDir: string, base: string): string[] {
  const prefix = base.replace(/\/?$/, '/');
  const found = new Set<string>();
  const visit = (href: string, own: boolean) => {
    if (!href.startsWith(prefix) || found.has(href)) return;
    const file = join(siteDir, href.slice(prefix.length));
    if (!existsSync(file)) return;
    if (!own) found.add(href);
    const source = readFileSync(file, 'utf8');
    // Minified static imports: import{a as e}from"./chunk.js" and import"./chunk.js"; not import(…).
    for (const [, specifier] of source.matchAll(/\b(?:import|export)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["'](\.\.?\/[^"']+\.js)["']/g)) {
      if (specifier) visit(new URL(specifier, `http://site${href}`).pathname, false);
    }
  };
  for (const [, src] of html.matchAll(/<script type="module" src="([^"]+)"/g)) if (src) visit(src, true);
  return [...found];
}

const MARKER = 'data-annals-preload';

/**
 * `html` with a preload link for each URL path at the end of its head, replacing the links a
 * previous build wrote. Modules (`.js`) get module preloads; the other files are fetched by
 * `fetch()` (same origin, credentials included), which a preload `as="fetch"` with
 * `crossorigin` matches.
 */
export function withSearchPreloads(html: string, hrefs: readonly string[]): string {
  const links = hrefs.map((href) =>
    href.endsWith('.js') ? `<link rel="modulepreload" href="${href}" ${MARKER}>` : `<link rel="preload" href="${href}" as="fetch" crossorigin ${MARKER}>`,
  );
  const cleaned = html.replace(new RegExp(`<link [^>]*${MARKER}[^>]*>`, 'g'), '');
  if (!cleaned.includes('</head>')) throw new Error('the search page has no </head> to put its preload links in');
  return cleaned.replace('</head>', `${links.join('')}</head>`);
}

/**
 * Writes the preload links into the built search page of the site in `siteDir` (path prefix
 * `base`), for the index in its `pagefind/` folder; nothing when the site has no search page.
 * The page is replaced, not written through: in a benchmark's copy it is a hard link to the
 * page of another site, whose index is not this one.
 */
export function writeSearchPreloads(siteDir: string, base: string): void {
  const searchPage = join(siteDir, 'search', 'index.html');
  if (!existsSync(searchPage)) return;
  const html = readFileSync(searchPage, 'utf8');
  const pagefindPath = `${base.replace(/\/?$/, '/')}pagefind/`;
  const files = firstSearchFiles(join(siteDir, 'pagefind')).map((file) => `${pagefindPath}${file}`);
  rmSync(searchPage);
  writeFileSync(searchPage, withSearchPreloads(html, [...importedModules(html, siteDir, base), ...files]));
}
