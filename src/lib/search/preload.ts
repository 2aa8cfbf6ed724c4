/**
 * Preload links for the search page (Node only, after indexing): the files every first
 * search needs, requested while the page's HTML is still being read instead of one after
 * another as each script asks (page → script → Pagefind's module → its entry file → its
 * metadata and WebAssembly). On a 4G link each step of that chain is a round trip.
 *
 * The newest index part's metadata has a content hash in its name, so the links are written
 * into the built page once the index exists (`src/integrations/pagefind.ts`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FOLD_TABLE_FILE } from './files.ts';

interface PagefindEntry {
  languages: Record<string, { hash: string; wasm: string | null }>;
}

/** The files under `/pagefind/` that the first search always loads, from the first part's entry file. */
export function firstSearchFiles(pagefindDir: string): string[] {
  const entry = JSON.parse(readFileSync(join(pagefindDir, 'pagefind-entry.json'), 'utf8')) as PagefindEntry;
  // The first part holds one language (its own tag, `shards.ts`); Pagefind names the
  // WebAssembly of a language it has no stemmer for `unknown`.
  const languages = Object.values(entry.languages);
  const language = languages[0];
  if (!language || languages.length !== 1) throw new Error(`${pagefindDir}/pagefind-entry.json lists ${languages.length} languages; the first index part has exactly one`);
  return ['pagefind.js', FOLD_TABLE_FILE, `pagefind.${language.hash}.pf_meta`, `wasm.${language.wasm ?? 'unknown'}.pagefind`];
}

const MARKER = 'data-annals-preload';

/**
 * `html` with a preload link for each file (under `prefix`, the site's `/pagefind/`) at the
 * end of its head, replacing the links a previous build wrote. Pagefind's module is a
 * module preload; the others are fetched by `fetch()` (same origin, credentials included),
 * which a preload `as="fetch"` with `crossorigin` matches.
 */
export function withSearchPreloads(html: string, prefix: string, files: readonly string[]): string {
  const links = files.map((file) =>
    file.endsWith('.js') ? `<link rel="modulepreload" href="${prefix}${file}" ${MARKER}>` : `<link rel="preload" href="${prefix}${file}" as="fetch" crossorigin ${MARKER}>`,
  );
  const cleaned = html.replace(new RegExp(`<link [^>]*${MARKER}[^>]*>`, 'g'), '');
  if (!cleaned.includes('</head>')) throw new Error('the search page has no </head> to put its preload links in');
  return cleaned.replace('</head>', `${links.join('')}</head>`);
}
