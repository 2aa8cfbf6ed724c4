/**
 * `node scripts/measure-weight.ts [dir] [paths…]`: prints the transfer weight of pages in a
 * built site (default `dist/`, the home page and every article), HTML and the stylesheets
 * and scripts they load, raw, gzip (level 9) and brotli (quality 11). Figures only: the
 * 30 KB budget of an article page (HTML + CSS) is asserted by tests/e2e/presentation.spec.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dir = resolve(args[0] ?? 'dist');
const articles = existsSync(join(dir, 'articles')) ? readdirSync(join(dir, 'articles')).map((slug) => `/articles/${slug}/`) : [];
const paths = args.length > 1 ? args.slice(1) : ['/', ...articles.slice(0, 5)];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1).padStart(6)} KB`;
const sizes = (bytes: Buffer) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

function fileFor(path: string): string {
  const clean = path.split(/[?#]/)[0] ?? path;
  return clean.endsWith('/') ? join(dir, clean, 'index.html') : join(dir, clean);
}

console.log(`node scripts/measure-weight.ts ${args.join(' ')}`.trim());
console.log(`${'page / resource'.padEnd(58)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const path of paths) {
  const html = readFileSync(fileFor(path));
  const text = html.toString('utf8');
  const css = [...text.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1] ?? '');
  const js = [...text.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? '');
  const rows: [string, ReturnType<typeof sizes>][] = [[`${path} (HTML)`, sizes(html)]];
  for (const href of css) rows.push([`  css ${href}`, sizes(readFileSync(fileFor(href)))]);
  for (const src of js) rows.push([`  js  ${src}`, sizes(readFileSync(fileFor(src)))]);
  for (const [label, size] of rows) console.log(`${label.slice(0, 57).padEnd(58)}${kb(size.raw)}${kb(size.gzip)}${kb(size.brotli)}`);
  const sum = (kinds: number, key: 'raw' | 'gzip' | 'brotli') => rows.slice(0, kinds).reduce((total, [, size]) => total + size[key], 0);
  const htmlCss = 1 + css.length;
  console.log(`${'  = HTML + CSS'.padEnd(58)}${kb(sum(htmlCss, 'raw'))}${kb(sum(htmlCss, 'gzip'))}${kb(sum(htmlCss, 'brotli'))}`);
  console.log(`${'  = HTML + CSS + JS'.padEnd(58)}${kb(sum(rows.length, 'raw'))}${kb(sum(rows.length, 'gzip'))}${kb(sum(rows.length, 'brotli'))}`);
}
