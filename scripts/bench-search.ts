/**
 * `npm run bench:search`: how well, and at what cost, the site's search finds what readers
 * mean, on the xwlb corpus (../shared/corpus/xwlb/articles.jsonl; skipped when absent).
 *
 * Imports the corpus (`npm run import`) into a temporary content root, builds the site with
 * `ANNALS_CONTENT_DIR` pointing at it, generates query sets from the corpus with a fixed
 * seed, and runs them through the real search page in headless Chromium. `--baseline` also
 * indexes the same pages with plain Pagefind defaults and queries `/pagefind-baseline/` the
 * way a page would, so both columns come from one run. Prints figures, never asserts them.
 *
 *   npm run bench:search -- [--limit N] [--reuse DIR] [--reindex] [--baseline] [--seed N] [--per-set N] [--titles N] [--only SET]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Converter } from 'opencc-js';
import { close, createIndex } from 'pagefind';
import { chromium, type Page } from 'playwright-core';
import { indexBuiltSite } from '../src/lib/search/indexer.ts';
import { siteConfig } from '../src/site.config.ts';
import { CHROMIUM_ARGS, findChromium } from './lib/browser.ts';
import { resolveRequestPath } from './lib/static-server.ts';

const { values: args } = parseArgs({
  options: {
    limit: { type: 'string' },
    reuse: { type: 'string' },
    reindex: { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
    seed: { type: 'string', default: '20240601' },
    'per-set': { type: 'string', default: '60' },
    titles: { type: 'string', default: '200' },
    work: { type: 'string', default: '/tmp/annals-bench-search' },
    port: { type: 'string', default: '4499' },
    only: { type: 'string' },
  },
});

const projectRoot = resolve(import.meta.dirname, '..');
const corpusPath = resolve(projectRoot, '..', 'shared', 'corpus', 'xwlb', 'articles.jsonl');
if (!existsSync(corpusPath)) {
  console.log(`bench:search: no corpus at ${corpusPath}; nothing to measure.`);
  process.exit(0);
}
const command = `npm run bench:search -- ${process.argv.slice(2).join(' ')}`.trim();

// ---------- corpus ----------
interface CorpusRecord { id: string; date: string; title: string; lead?: string; body: string; source: string }
let seed = Number(args.seed);
const random = () => {
  // mulberry32: the same sets on every machine for the same seed.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const shuffle = <T,>(items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
};

let records: CorpusRecord[] = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as CorpusRecord);
if (args.limit) records = shuffle([...records]).slice(0, Number(args.limit)).sort((a, b) => a.id.localeCompare(b.id));
const urlOf = (record: CorpusRecord) => `/articles/${record.id}/`;
const texts = records.map((record) => `${record.title}\n${record.lead ?? ''}${record.body}`);

// ---------- build ----------
const work = resolve(args.work);
mkdirSync(work, { recursive: true });
const siteDir = resolve(args.reuse ?? join(work, 'site'));
const node = join(projectRoot, 'node_modules', '.bin', 'node');
const timed = (label: string, run: () => void) => {
  const started = performance.now();
  run();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
};
if (!args.reuse || !existsSync(join(siteDir, 'index.html'))) {
  const contentDir = join(work, 'content');
  rmSync(contentDir, { recursive: true, force: true });
  const subset = join(work, 'corpus.jsonl');
  writeFileSync(subset, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  timed(`import ${records.length} articles`, () =>
    execFileSync(node, ['scripts/import.ts', '--out', contentDir, '--quiet', '--force', subset], { cwd: projectRoot, stdio: 'inherit' }),
  );
  // Build from a copy of the project: Astro's build folders under the project (.astro/)
  // are shared by every build started there, and others build at the same time.
  const copy = join(work, 'project');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  execFileSync('tar', ['-cf', join(work, 'project.tar'), '--exclude=./node_modules', '--exclude=./.astro', '--exclude=./.git', '--exclude=./dist', '--exclude=./dist-*', '--exclude=./test-results', '.'], { cwd: projectRoot });
  execFileSync('tar', ['-xf', join(work, 'project.tar'), '-C', copy]);
  rmSync(join(work, 'project.tar'));
  symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'));
  timed('astro build (site + our index)', () =>
    execFileSync(node, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', siteDir], {
      cwd: copy,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ANNALS_CONTENT_DIR: contentDir },
    }),
  );
  rmSync(join(siteDir, 'pagefind-baseline'), { recursive: true, force: true });
} else if (args.reindex) {
  const articlesDir = join(siteDir, 'articles');
  const pathnames = readdirSync(articlesDir).map((slug) => `articles/${slug}/`);
  rmSync(join(siteDir, 'pagefind'), { recursive: true, force: true });
  const summary = await indexBuiltSite(siteDir, pathnames, join(siteDir, 'pagefind'), siteConfig.locale, { maxShardPages: siteConfig.searchShardPages });
  console.log(`reindexed ${summary.pages} pages in ${summary.shards.length} part(s): ${(summary.ms / 1000).toFixed(1)} s`);
}
if (args.baseline && !existsSync(join(siteDir, 'pagefind-baseline', 'pagefind.js'))) {
  const started = performance.now();
  const { index, errors } = await createIndex({});
  if (!index) throw new Error(errors.join('; '));
  const added = await index.addDirectory({ path: siteDir, glob: 'articles/**/*.html' });
  await index.writeFiles({ outputPath: join(siteDir, 'pagefind-baseline') });
  await close();
  console.log(`baseline index (Pagefind defaults, ${added.page_count} pages): ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// ---------- query sets ----------
type Kind = 'known' | 'keyword';
interface Query { q: string; kind: Kind; target?: string; truth?: Set<string>; simplified?: string }
interface QuerySet { name: string; kind: Kind; queries: Query[] }
const HAN_RUN = /^\p{Script=Han}+$/u;
const truthOf = (words: readonly string[]) => {
  const found = new Set<string>();
  texts.forEach((text, i) => {
    if (words.every((word) => text.includes(word))) found.add(urlOf(records[i] as CorpusRecord));
  });
  return found;
};
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const titleCounts = new Map<string, number>();
for (const record of records) titleCounts.set(record.title, (titleCounts.get(record.title) ?? 0) + 1);
const unique = shuffle(records.filter((record) => titleCounts.get(record.title) === 1));
const perSet = Number(args['per-set']);

const titles: Query[] = unique.slice(0, Number(args.titles)).map((record) => ({ q: record.title, kind: 'known', target: urlOf(record) }));
const fragments: Query[] = [];
let ambiguousFragments = 0;
for (const record of unique.slice(Number(args.titles))) {
  if (fragments.length >= perSet) break;
  const runs = record.title.match(/\p{Script=Han}{6,}/gu) ?? [];
  const run = runs.sort((a, b) => b.length - a.length)[0];
  if (!run) continue;
  const length = Math.min(run.length - 1, 5 + Math.floor(random() * 4));
  const start = Math.floor(random() * (run.length - length + 1));
  const fragment = run.slice(start, start + length);
  // A fragment shared by more than ten titles (届全国人大常) names a series, not an article:
  // no ranking can put one of them first, so it does not make a known-item query.
  if (records.filter((other) => other.title.includes(fragment)).length > 10) {
    ambiguousFragments++;
    continue;
  }
  fragments.push({ q: fragment, kind: 'known', target: urlOf(record) });
}
const wordFreq = new Map<string, number>();
for (const record of records.slice(0, 6000)) {
  for (const { segment, isWordLike } of segmenter.segment(record.title)) {
    if (isWordLike && segment.length >= 2 && segment.length <= 4 && HAN_RUN.test(segment)) wordFreq.set(segment, (wordFreq.get(segment) ?? 0) + 1);
  }
}
const commonWords = shuffle([...wordFreq].filter(([, count]) => count >= 3).map(([word]) => word));
const keyword = (q: string, words = [q]): Query => ({ q, kind: 'keyword', truth: truthOf(words) });
const singles = commonWords.slice(0, perSet).map((word) => keyword(word));
const pairs: Query[] = [];
for (let i = perSet; pairs.length < perSet && i + 1 < commonWords.length; i += 2) {
  const words = [commonWords[i] as string, commonWords[i + 1] as string];
  const query = keyword(words.join(' '), words);
  if ((query.truth?.size ?? 0) > 0) pairs.push(query);
}
const compounds: Query[] = [];
for (let tries = 0; compounds.length < perSet && tries < perSet * 50; tries++) {
  const record = pick(records);
  const paragraph = pick(record.body.split('\n').filter((line) => line.length > 20));
  if (!paragraph) continue;
  const length = 3 + Math.floor(random() * 4);
  const start = Math.floor(random() * (paragraph.length - length));
  const candidate = paragraph.slice(start, start + length);
  if (!HAN_RUN.test(candidate)) continue;
  // Both ends inside a word of the segmenter: no segmenter sees this string as words.
  const boundaries = new Set([...segmenter.segment(paragraph)].map((segment) => segment.index));
  if (boundaries.has(start) || boundaries.has(start + length)) continue;
  compounds.push(keyword(candidate));
}
const names = new Map<string, number>();
for (const record of records) {
  const person = /^(\p{Script=Han}{2,3}?)(?:会见|会谈|主持|出席|考察|致电|致信|签署|同)/u.exec(record.title)?.[1];
  if (person) names.set(person, (names.get(person) ?? 0) + 1);
  for (const match of record.title.matchAll(/\p{Script=Han}{2,4}(?:省|市|县|自治区)/gu)) names.set(match[0], (names.get(match[0]) ?? 0) + 1);
}
const nameQueries = shuffle([...names].filter(([, count]) => count >= 2).map(([name]) => name)).slice(0, perSet).map((name) => keyword(name));
const toTraditional = Converter({ from: 'cn', to: 'tw' });
const traditional: Query[] = [...singles, ...compounds, ...nameQueries]
  .map((query) => ({ ...query, simplified: query.q, q: toTraditional(query.q) }))
  .filter((query) => query.q !== query.simplified)
  .slice(0, perSet);

const sets: QuerySet[] = [
  { name: 'exact titles', kind: 'known', queries: titles },
  { name: 'title fragments', kind: 'known', queries: fragments },
  { name: 'single words', kind: 'keyword', queries: singles },
  { name: 'two words', kind: 'keyword', queries: pairs },
  { name: 'compound terms (3-6, off-segment)', kind: 'keyword', queries: compounds },
  { name: 'person and place names', kind: 'keyword', queries: nameQueries },
  { name: 'Traditional script', kind: 'keyword', queries: traditional },
];

// ---------- serving, as a static host would (gzip for text; Pagefind's files are compressed already) ----------
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.txt', '.svg', '.xml']);
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml' };
const gzipped = new Map<string, Buffer<ArrayBufferLike>>();
const server: Server = createServer((request, response) => {
  const file = resolveRequestPath(siteDir, request.url ?? '/');
  if (!file) {
    response.writeHead(404).end();
    return;
  }
  const type = extname(file);
  let body: Buffer<ArrayBufferLike> = readFileSync(file);
  const headers: Record<string, string> = { 'content-type': TYPES[type] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
  if (COMPRESSIBLE.has(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    body = gzipped.get(file) ?? gzipSync(body);
    gzipped.set(file, body);
    headers['content-encoding'] = 'gzip';
  }
  response.writeHead(200, headers).end(body);
});
await new Promise<void>((done) => server.listen(Number(args.port), '127.0.0.1', done));
const origin = `http://127.0.0.1:${args.port}`;

// ---------- measuring ----------
interface Measured { urls: string[]; total: number; bytes: number; ms: number; kinds?: Record<string, number> }
type ByteCounter = ReturnType<typeof byteCounter>;
type Engine = 'ours' | 'baseline';

/** What a transferred file is, for the first query's breakdown: Pagefind's own runtime, its index files, or ours. */
function byteKind(url: string): string {
  const path = new URL(url).pathname;
  if (/\.pf_meta$/.test(path)) return 'metadata';
  if (/\.pf_filter$/.test(path)) return 'filters';
  if (/\.pf_index$/.test(path)) return 'index chunks';
  if (/\.pf_fragment$/.test(path)) return 'fragments';
  if (/\/pagefind[^/]*\/(pagefind\.js|wasm\.[^/]+|pagefind-entry\.json)$/.test(path)) return 'Pagefind runtime';
  return 'other';
}

function byteCounter(page: Page) {
  // Playwright attributes a dedicated worker's requests (Pagefind's default worker) to the
  // page, which the page's own CDP session would miss.
  let bytes = 0;
  let kinds: Record<string, number> = {};
  page.on('requestfinished', (request) => {
    // The page itself and its stylesheet are the same with or without search.
    if (request.resourceType() === 'document' || request.resourceType() === 'stylesheet') return;
    void request.sizes().then((sizes) => {
      const size = sizes.responseBodySize + sizes.responseHeadersSize;
      bytes += size;
      const kind = byteKind(request.url());
      kinds[kind] = (kinds[kind] ?? 0) + size;
    }, () => {});
  });
  return {
    take: () => {
      const taken = bytes;
      bytes = 0;
      kinds = {};
      return taken;
    },
    /** Bytes by kind since the last `take`. */
    kinds: () => ({ ...kinds }),
  };
}

async function runOurs(page: Page, query: string, first: boolean, counter: ByteCounter): Promise<Measured> {
  counter.take();
  let ms: number;
  if (first) {
    const started = performance.now();
    await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction((q) => {
      const box = document.getElementById('search-results');
      return box?.getAttribute('aria-busy') === 'false' && box.dataset['query'] === q;
    }, query, { timeout: 60_000 });
    ms = performance.now() - started;
  } else {
    ms = await page.evaluate(async (q) => {
      const box = document.getElementById('search-results') as HTMLElement;
      const input = document.getElementById('site-search') as HTMLInputElement;
      const started = performance.now();
      const done = new Promise<void>((resolveDone) => {
        const observer = new MutationObserver(() => {
          if (box.getAttribute('aria-busy') === 'false' && box.dataset['query'] === q) {
            observer.disconnect();
            resolveDone();
          }
        });
        observer.observe(box, { attributes: true });
      });
      input.value = q;
      input.form?.requestSubmit();
      await done;
      return performance.now() - started;
    }, query);
  }
  await new Promise((r) => setTimeout(r, 60)); // let the last responses finish counting
  const found = await page.evaluate(() => {
    const box = document.getElementById('search-results') as HTMLElement;
    return { urls: [...box.querySelectorAll<HTMLAnchorElement>('a.search-hit-title')].map((a) => new URL(a.href).pathname), total: Number(box.dataset['total'] ?? 0) };
  });
  const kinds = counter.kinds();
  return { ...found, ms, kinds, bytes: counter.take() };
}

async function runBaseline(page: Page, query: string, first: boolean, counter: ByteCounter): Promise<Measured> {
  if (first) await page.goto(`${origin}/404.html`);
  counter.take();
  const result = await page.evaluate(async (q) => {
    const started = performance.now();
    const pagefind = await import('/pagefind-baseline/pagefind.js' as string);
    await pagefind.options({ baseUrl: '/' });
    const search = await pagefind.search(q);
    const top = await Promise.all(search.results.slice(0, 10).map((result: { data(): Promise<{ url: string }> }) => result.data()));
    return { urls: top.map((data: { url: string }) => data.url), total: search.results.length as number, ms: performance.now() - started };
  }, query);
  await new Promise((r) => setTimeout(r, 60));
  const kinds = counter.kinds();
  return { ...result, kinds, bytes: counter.take() };
}

const executablePath = findChromium();
const browser = await chromium.launch({ args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : ((sorted[Math.floor((sorted.length - 1) / 2)] as number) + (sorted[Math.ceil((sorted.length - 1) / 2)] as number)) / 2;
};
const mean = (values: number[]) => (values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length);
interface Figures { metrics: Record<string, number>; firstBytes: number; firstKinds: Record<string, number>; laterBytes: number; ms: number; worst: string[] }

async function measure(engine: Engine, set: QuerySet): Promise<Figures> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const counter = byteCounter(page);
  const run = engine === 'ours' ? runOurs : runBaseline;
  const firstBytes: number[] = [];
  let firstKinds: Record<string, number> = {};
  const laterBytes: number[] = [];
  const times: number[] = [];
  const scored: { query: Query; score: number; note: string }[] = [];
  const per: Record<string, number[]> = {};
  const add = (name: string, value: number) => (per[name] ??= []).push(value);
  for (const [i, query] of set.queries.entries()) {
    let measured: Measured;
    try {
      measured = await run(page, query.q, i === 0, counter);
    } catch (error) {
      measured = { urls: [], total: 0, bytes: 0, ms: NaN };
      scored.push({ query, score: -1, note: `error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
    }
    (i === 0 ? firstBytes : laterBytes).push(measured.bytes);
    if (i === 0) firstKinds = measured.kinds ?? {};
    if (i > 0) times.push(measured.ms);
    const top = measured.urls.slice(0, 10);
    if (set.kind === 'known') {
      const rank = top.indexOf(query.target ?? '') + 1;
      add('success@1', rank === 1 ? 1 : 0);
      add('MRR@10', rank > 0 ? 1 / rank : 0);
      add('success@10', rank > 0 ? 1 : 0);
      scored.push({ query, score: rank > 0 ? 1 / rank : 0, note: rank > 0 ? `rank ${rank}` : `not in top 10 (${measured.total} results)` });
    } else {
      const truth = query.truth ?? new Set();
      if (truth.size === 0) continue;
      const hits = top.filter((url) => truth.has(url)).length;
      const precision = top.length === 0 ? 0 : hits / top.length;
      const recall = hits / Math.min(10, truth.size);
      add('P@10', precision);
      add('R@10', recall);
      add('returned/true', measured.total / truth.size);
      scored.push({ query, score: Math.min(precision, recall, truth.size / Math.max(measured.total, truth.size)), note: `P@10 ${precision.toFixed(2)} R@10 ${recall.toFixed(2)}, ${measured.total} returned for ${truth.size} true` });
    }
  }
  await context.close();
  const metrics = Object.fromEntries(Object.entries(per).map(([name, values]) => [name, mean(values)]));
  const worst = scored.sort((a, b) => a.score - b.score).slice(0, 4).filter((entry) => entry.score < 1).map((entry) => `${entry.query.q}${entry.query.simplified ? ` (${entry.query.simplified})` : ''}: ${entry.note}`);
  return { metrics, firstBytes: median(firstBytes), firstKinds, laterBytes: median(laterBytes), ms: median(times), worst };
}

const engines: Engine[] = args.baseline ? ['ours', 'baseline'] : ['ours'];
const kb = (bytes: number) => (Number.isNaN(bytes) ? '–' : `${(bytes / 1024).toFixed(0)} KB`);
const lines: string[] = [];
const print = (line: string) => {
  console.log(line);
  lines.push(line);
};
print(`\n${command}\n${records.length} articles, seed ${args.seed}; bytes = search JS + index + fragments as transferred (gzip for text, as static hosts serve), medians; ms = median to rendered results for later queries.`);
print(`title fragments: ${ambiguousFragments} drawn fragments left out for occurring in more than ten titles.`);
print('set | queries | metric | ours | baseline');
print('--- | --- | --- | --- | ---');
const worstLines: string[] = [];
const kindLines: string[] = [];
for (const set of sets.filter((candidate) => !args.only || candidate.name.includes(args.only))) {
  const figures = {} as Record<Engine, Figures>;
  for (const engine of engines) figures[engine] = await measure(engine, set);
  const names = [...Object.keys(figures.ours.metrics), 'first query', 'later queries', 'ms (later)'];
  for (const name of names) {
    const value = (engine: Engine) => {
      const f = figures[engine];
      if (!f) return '–';
      if (name === 'first query') return kb(f.firstBytes);
      if (name === 'later queries') return kb(f.laterBytes);
      if (name === 'ms (later)') return `${f.ms.toFixed(0)}`;
      return (f.metrics[name] ?? NaN).toFixed(3);
    };
    print(`${set.name} | ${set.queries.length} | ${name} | ${value('ours')} | ${value('baseline')}`);
  }
  for (const engine of engines) for (const worst of figures[engine].worst) worstLines.push(`${set.name} [${engine}] ${worst}`);
  for (const engine of engines) {
    const kinds = Object.entries(figures[engine].firstKinds).sort((a, b) => b[1] - a[1]);
    kindLines.push(`${set.name} [${engine}]: ${kinds.map(([kind, bytes]) => `${kind} ${kb(bytes)}`).join(', ')}`);
  }
}
print('\nfirst query, by kind of file:');
for (const line of kindLines) print(`  ${line}`);
print('\nworst queries:');
for (const line of worstLines) print(`  ${line}`);
writeFileSync(join(work, 'last-run.txt'), lines.join('\n') + '\n');
await browser.close();
server.close();
