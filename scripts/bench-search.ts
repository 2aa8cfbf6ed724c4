/**
 * `npm run bench:search`: how well, and at what cost, the site's search finds what readers
 * mean, on the xwlb corpus (../shared/corpus/xwlb/articles.jsonl; skipped when absent).
 *
 * Imports the corpus (`npm run import`) into a temporary content root, builds the site with
 * `ANNALS_CONTENT_DIR` pointing at it, generates query sets from the corpus with a fixed
 * seed, and runs them through the real pages in headless Chromium, served as a static host
 * serves (gzip, ETag). `--baseline` also indexes the same pages with plain Pagefind
 * defaults and queries `/pagefind-baseline/` the way a page would, so both columns come from
 * one run. Per set, medians of what a reader waits for and downloads:
 *
 * - first search: the set's first `--fresh` queries, each in a new browser profile, at full
 *   speed and slowed (CPU 4×, fast 4G): ms and bytes to results shown and to complete;
 * - header box: in a browser that has searched once, an article page's header box, from
 *   focus to its in-place results (`#search-panel-results`; NaN, said so, where the page
 *   has none);
 * - shared link: the same warm browser opening `/search/?q=…`;
 * - later searches: every other query submitted on the open search page, with the
 *   accuracy of all of them.
 *
 * `--scale N` then makes an N-article site (the xwlb pages plus generated ones,
 * `lib/scaled-site.ts`, kept between runs; `--rescale` makes it again), indexes it with the
 * project's indexer, measures the first search on it (plain Pagefind's too where its one
 * index fits in half the machine's memory), and prints the ratios to xwlb.
 * Prints figures, never asserts them; writes them to `<work>/last-run.txt` too.
 *
 *   npm run bench:search -- [--limit N] [--reuse DIR] [--reindex] [--baseline] [--seed N] [--per-set N] [--titles N] [--only SET] [--fresh N] [--scale N [--rescale]] [--work DIR] [--port N]
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Converter } from 'opencc-js';
import { chromium } from 'playwright-core';
import { indexBuiltSite } from '../src/lib/search/indexer.ts';
import { pagefindBinary } from '../src/lib/search/pagefind-cli.ts';
import { siteConfig } from '../src/site.config.ts';
import { serveForBench } from './lib/bench-server.ts';
import { CHROMIUM_ARGS, findChromium } from './lib/browser.ts';
import { scaledSite } from './lib/scaled-site.ts';
import { baselineSearch, oursHeaderBox, oursOpened, oursSubmitted, openProbe, type Probe, type SearchRun, type Speed } from './lib/search-probes.ts';

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
    fresh: { type: 'string', default: '5' },
    scale: { type: 'string' },
    rescale: { type: 'boolean', default: false },
  },
});

const projectRoot = resolve(import.meta.dirname, '..');
const corpusPath = resolve(projectRoot, '..', 'shared', 'corpus', 'xwlb', 'articles.jsonl');
if (!existsSync(corpusPath)) {
  console.log(`bench:search: no corpus at ${corpusPath}; nothing to measure.`);
  process.exit(0);
}
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
const given = process.argv.slice(2).map(shellWord).join(' ');
const command = (process.env['npm_lifecycle_event'] === 'bench:search' ? `npm run bench:search -- ${given}` : `${process.argv0} ${relative(process.cwd(), process.argv[1] ?? '')} ${given}`).trim();
const lines: string[] = [];
const print = (line: string) => {
  console.log(line);
  lines.push(line);
};
print(command);

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
  // Build from a copy of the project with a cache folder of its own: Astro's build folders
  // (.astro/, and its cache under node_modules/, which the copy links to) are shared by
  // every build started there, and two builds writing one content store mix their content.
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
      env: { ...process.env, ANNALS_CONTENT_DIR: contentDir, ANNALS_CACHE_DIR: join(work, 'cache') },
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
type Engine = 'ours' | 'baseline';
/**
 * Indexes a site's articles with plain Pagefind's defaults into `pagefind-baseline/`, unless
 * done before; false, said so, when it cannot. One index of everything is what plain Pagefind
 * does, and its memory grows with the text: 5.5 GB at xwlb's 19,876 articles, over 10 GB at
 * 40,000 (the Node API's service was OOM-killed there and left the run waiting forever). So
 * its command line runs as a child with its address space capped at half the machine's
 * memory: past that it aborts, and the machine others work on keeps its memory.
 */
async function ensureBaseline(dir: string, report: (line: string) => void): Promise<boolean> {
  const output = join(dir, 'pagefind-baseline');
  if (existsSync(join(output, 'pagefind.js'))) return true;
  const started = performance.now();
  const capKb = Math.floor(totalmem() / 2 / 1024);
  // Outside the project and without PAGEFIND_* variables: no pagefind.yml or setting of ours applies.
  const scratch = mkdtempSync(join(tmpdir(), 'annals-bench-baseline-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^PAGEFIND_/i.test(name)));
  const log: string[] = [];
  const outcome = await new Promise<string>((done) => {
    const child = spawn('sh', ['-c', 'ulimit -v "$0" && exec "$@"', String(capKb), pagefindBinary(), '--site', dir, '--glob', 'articles/**/*.html', '--output-path', output], { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => log.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => log.push(chunk));
    child.on('error', (error) => done(error.message));
    child.on('close', (code, signal) => done(code === 0 ? '' : `exited with ${signal ?? `code ${code}`}`));
  });
  rmSync(scratch, { recursive: true, force: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (outcome || !existsSync(join(output, 'pagefind.js'))) {
    rmSync(output, { recursive: true, force: true });
    const lines = log.join('').trim().split('\n');
    const reason = lines.find((line) => /memory allocation|panicked|error/i.test(line)) ?? lines.at(-1) ?? '';
    report(`baseline index of ${dir}: plain Pagefind ${outcome || 'wrote no pagefind.js'} after ${seconds} s within ${(capKb / 1024 / 1024).toFixed(1)} GB of address space (${reason.trim()}); measuring ours alone there`);
    return false;
  }
  const entry = JSON.parse(readFileSync(join(output, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  report(`baseline index of ${dir} (Pagefind defaults, ${pages} pages): ${seconds} s`);
  return true;
}
const engines: Engine[] = args.baseline && (await ensureBaseline(siteDir, console.log)) ? ['ours', 'baseline'] : ['ours'];

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

// ---------- measuring ----------
const freshCount = Number(args.fresh);
const FIRST_TIMEOUT_MS: Record<Speed, number> = { full: 60_000, slowed: 180_000 };
const executablePath = findChromium();
const launchOptions = { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) };
const browser = await chromium.launch(launchOptions);
const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : ((sorted[Math.floor((sorted.length - 1) / 2)] as number) + (sorted[Math.ceil((sorted.length - 1) / 2)] as number)) / 2;
};
const mean = (values: number[]) => (values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length);
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
/** Errors, missing figures and the like, printed after the tables. */
const notes: string[] = [];
/** Our search page's loads, and how many of them marked `annals:results-shown` themselves. */
const shownMarks = { loads: 0, marked: 0 };
const countMarks = (run: SearchRun, engine: Engine) => {
  if (engine !== 'ours') return;
  shownMarks.loads++;
  if (run.marked.shown) shownMarks.marked++;
};

interface Timings { shownMs: number; completeMs: number; shownBytes: number; completeBytes: number }
interface FirstFigures extends Timings { kinds: Record<string, number> }
const medianTimings = (runs: readonly SearchRun[]): Timings => ({
  shownMs: median(runs.map((run) => run.shownMs)),
  completeMs: median(runs.map((run) => run.completeMs)),
  shownBytes: median(runs.map((run) => run.shownBytes)),
  completeBytes: median(runs.map((run) => run.completeBytes)),
});

/** A reader's first search, with nothing of the site cached: each of the set's first queries in a new browser profile. */
async function firstSearch(engine: Engine, set: QuerySet, origin: string, speed: Speed, label: string): Promise<FirstFigures> {
  const runs: SearchRun[] = [];
  for (const query of set.queries.slice(0, freshCount)) {
    const profile = mkdtempSync(join(tmpdir(), 'annals-bench-profile-'));
    const context = await chromium.launchPersistentContext(profile, launchOptions);
    try {
      const probe = await openProbe(context, origin, speed);
      const run = engine === 'ours' ? await oursOpened(probe, query.q, FIRST_TIMEOUT_MS[speed]) : await baselineSearch(probe, query.q, 'opened');
      countMarks(run, engine);
      runs.push(run);
    } catch (error) {
      notes.push(`${label} ${set.name} [${engine}] first search (${speed}), ${query.q}: ${firstLine(error)}`);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
  return { ...medianTimings(runs), kinds: runs[0]?.shownKinds ?? {} };
}

/** A browser that has searched once (`query` on the search page, or with plain Pagefind), for what a returning reader does. */
async function withWarmBrowser<T>(engine: Engine, query: Query, use: (probe: Probe, first: SearchRun) => Promise<T>): Promise<T> {
  const context = await browser.newContext();
  try {
    const probe = await openProbe(context, xwlbServer.origin, 'full');
    const first = engine === 'ours' ? await oursOpened(probe, query.q, FIRST_TIMEOUT_MS.full) : await baselineSearch(probe, query.q, 'opened');
    countMarks(first, engine);
    return await use(probe, first);
  } finally {
    await context.close();
  }
}

/** A stable article page for a query: its target, or one picked by the query's text. */
function articleFor(query: Query): string {
  if (query.target) return query.target;
  let hash = 0;
  for (const char of query.q) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) >>> 0;
  return urlOf(records[hash % records.length] as CorpusRecord);
}

interface Figures {
  metrics: Record<string, number>;
  worst: string[];
  first: Record<Speed, FirstFigures>;
  headerBox: { ms: number; bytes: number };
  shared: Timings;
  later: { ms: number; bytes: number };
}

async function measure(engine: Engine, set: QuerySet): Promise<Figures> {
  const first = {
    full: await firstSearch(engine, set, xwlbServer.origin, 'full', 'xwlb:'),
    slowed: await firstSearch(engine, set, xwlbServer.origin, 'slowed', 'xwlb:'),
  };
  // Accuracy over every query: the first opened with the search page, the others submitted on it.
  const laterBytes: number[] = [];
  const laterMs: number[] = [];
  const scored: { query: Query; score: number; note: string }[] = [];
  const per: Record<string, number[]> = {};
  const add = (name: string, value: number) => (per[name] ??= []).push(value);
  const score = (query: Query, run: SearchRun | undefined, error?: unknown) => {
    if (!run) scored.push({ query, score: -1, note: `error: ${firstLine(error)}` });
    const top = (run?.urls ?? []).slice(0, 10);
    const total = run?.total ?? 0;
    if (set.kind === 'known') {
      const rank = top.indexOf(query.target ?? '') + 1;
      add('success@1', rank === 1 ? 1 : 0);
      add('MRR@10', rank > 0 ? 1 / rank : 0);
      add('success@10', rank > 0 ? 1 : 0);
      if (run) scored.push({ query, score: rank > 0 ? 1 / rank : 0, note: rank > 0 ? `rank ${rank}` : `not in top 10 (${total} results)` });
    } else {
      const truth = query.truth ?? new Set();
      if (truth.size === 0) return;
      const hits = top.filter((url) => truth.has(url)).length;
      const precision = top.length === 0 ? 0 : hits / top.length;
      const recall = hits / Math.min(10, truth.size);
      add('P@10', precision);
      add('R@10', recall);
      add('returned/true', total / truth.size);
      if (run) scored.push({ query, score: Math.min(precision, recall, truth.size / Math.max(total, truth.size)), note: `P@10 ${precision.toFixed(2)} R@10 ${recall.toFixed(2)}, ${total} returned for ${truth.size} true` });
    }
  };
  const [head, ...rest] = set.queries;
  if (head) {
    await withWarmBrowser(engine, head, async (probe, opened) => {
      score(head, opened);
      for (const query of rest) {
        try {
          const run = engine === 'ours' ? await oursSubmitted(probe, query.q) : await baselineSearch(probe, query.q, 'same page');
          laterMs.push(run.completeMs);
          laterBytes.push(run.completeBytes);
          score(query, run);
        } catch (error) {
          score(query, undefined, error);
        }
      }
    }).catch((error: unknown) => notes.push(`xwlb: ${set.name} [${engine}] later searches: ${firstLine(error)}`));
  }
  // The next queries, from the header box of an article page and as a shared link, each in a browser warmed by the first.
  const followUps = set.queries.slice(1, 1 + freshCount);
  const headerMs: number[] = [];
  const headerBytes: number[] = [];
  const shared: SearchRun[] = [];
  if (head && followUps.length > 0) {
    await withWarmBrowser(engine, head, async (probe) => {
      for (const query of followUps) {
        if (engine === 'baseline') {
          const run = await baselineSearch(probe, query.q, 'loaded');
          headerMs.push(run.completeMs);
          headerBytes.push(run.completeBytes);
          continue;
        }
        const run = await oursHeaderBox(probe, articleFor(query), query.q);
        if ('problem' in run) {
          // A page without the panel will not grow one for the next query: no need to wait for it again.
          notes.push(`xwlb: ${set.name} [ours] header box, ${query.q}: ${run.problem}; recorded as NaN${run.panelMissing ? ', and the set\'s other header-box queries skipped' : ''}`);
          if (run.panelMissing) break;
          continue;
        }
        headerMs.push(run.ms);
        headerBytes.push(run.bytes);
      }
    }).catch((error: unknown) => notes.push(`xwlb: ${set.name} [${engine}] header box: ${firstLine(error)}`));
    await withWarmBrowser(engine, head, async (probe) => {
      for (const query of followUps) {
        const run = engine === 'ours' ? await oursOpened(probe, query.q, FIRST_TIMEOUT_MS.full) : await baselineSearch(probe, query.q, 'opened');
        countMarks(run, engine);
        shared.push(run);
      }
    }).catch((error: unknown) => notes.push(`xwlb: ${set.name} [${engine}] shared link: ${firstLine(error)}`));
  }
  const metrics = Object.fromEntries(Object.entries(per).map(([name, values]) => [name, mean(values)]));
  const worst = scored.sort((a, b) => a.score - b.score).slice(0, 4).filter((entry) => entry.score < 1).map((entry) => `${entry.query.q}${entry.query.simplified ? ` (${entry.query.simplified})` : ''}: ${entry.note}`);
  return {
    metrics,
    worst,
    first,
    headerBox: { ms: median(headerMs), bytes: median(headerBytes) },
    shared: medianTimings(shared),
    later: { ms: median(laterMs), bytes: median(laterBytes) },
  };
}

// ---------- printing ----------
const kb = (bytes: number) => (bytes / 1024).toFixed(0);
const ms = (value: number) => value.toFixed(0);
const pair = (values: [number, number], format: (value: number) => string) => `${format(values[0])} / ${format(values[1])}`;
const firstRows: [string, (first: Record<Speed, FirstFigures>) => string][] = [
  ['first search ms (shown / complete)', (f) => pair([f.full.shownMs, f.full.completeMs], ms)],
  ['first search KB (shown / complete)', (f) => pair([f.full.shownBytes, f.full.completeBytes], kb)],
  ['first search ms, slowed (shown / complete)', (f) => pair([f.slowed.shownMs, f.slowed.completeMs], ms)],
  ['first search KB, slowed (shown / complete)', (f) => pair([f.slowed.shownBytes, f.slowed.completeBytes], kb)],
];

const selected = sets.filter((candidate) => !args.only || candidate.name.includes(args.only));
const xwlbServer = await serveForBench(siteDir, Number(args.port));
print(`\n${records.length} articles, seed ${args.seed}; medians per set. Served as a static host serves: gzip for text, \`cache-control: no-cache\` with an ETag (a cached file costs a 304).`);
print(`- first search: the set's first ${freshCount} queries, each in a new browser profile. Ours: /search/?q=…; baseline: /404.html, then plain Pagefind imported, searched and the top 10 results' data loaded. ms from navigation start to results shown / search complete; KB = everything transferred by then (page, styles, scripts, Pagefind, index).`);
print('- slowed: CPU 4× slower and fast 4G (9 Mbit/s, 40 ms latency), through CDP.');
print(`- header box: a browser that searched once (the set's first query) loads an article page, then ms and KB from focusing #site-search and typing a query to #search-panel-results showing it (next ${freshCount} queries). Baseline: a loaded /404.html running plain Pagefind.`);
print('- shared link cached: the same kind of warm browser opening /search/?q=… (baseline: /404.html + plain Pagefind), from navigation start.');
print('- later: every other query submitted on the open search page (baseline: run in the same page); accuracy counts these and the first query.');
print(`title fragments: ${ambiguousFragments} drawn fragments left out for occurring in more than ten titles.`);
const worstLines: string[] = [];
const kindLines: string[] = [];
const xwlbFirst = new Map<string, Record<Engine, Record<Speed, FirstFigures>>>();
for (const set of selected) {
  const figures = {} as Record<Engine, Figures>;
  for (const engine of engines) figures[engine] = await measure(engine, set);
  xwlbFirst.set(set.name, Object.fromEntries(engines.map((engine) => [engine, figures[engine].first])) as Record<Engine, Record<Speed, FirstFigures>>);
  const rows: [string, (f: Figures) => string][] = [
    ...Object.keys(figures.ours.metrics).map((name): [string, (f: Figures) => string] => [name, (f) => (f.metrics[name] ?? NaN).toFixed(3)]),
    ...firstRows.map(([name, value]): [string, (f: Figures) => string] => [name, (f) => value(f.first)]),
    ['header box ms', (f) => ms(f.headerBox.ms)],
    ['header box KB', (f) => kb(f.headerBox.bytes)],
    ['shared link cached ms (shown / complete)', (f) => pair([f.shared.shownMs, f.shared.completeMs], ms)],
    ['shared link cached KB (shown / complete)', (f) => pair([f.shared.shownBytes, f.shared.completeBytes], kb)],
    ['later ms', (f) => ms(f.later.ms)],
    ['later KB', (f) => kb(f.later.bytes)],
  ];
  print(`\n${set.name}: ${set.queries.length} queries`);
  print('metric | ours | baseline');
  print('--- | --- | ---');
  for (const [name, value] of rows) print(`${name} | ${value(figures.ours)} | ${figures.baseline ? value(figures.baseline) : '–'}`);
  for (const engine of engines) for (const worst of figures[engine].worst) worstLines.push(`${set.name} [${engine}] ${worst}`);
  for (const engine of engines) {
    const kinds = Object.entries(figures[engine].first.full.kinds).sort((a, b) => b[1] - a[1]);
    kindLines.push(`${set.name} [${engine}]: ${kinds.map(([kind, bytes]) => `${kind} ${kb(bytes)} KB`).join(', ')}`);
  }
}
print('\nfirst search, by kind of file (fresh profile, full speed, up to results shown, the set\'s first query):');
for (const line of kindLines) print(`  ${line}`);
print('\nworst queries:');
for (const line of worstLines) print(`  ${line}`);
await xwlbServer.close();

// ---------- a bigger archive ----------
if (args.scale) {
  const scaled = await scaledSite({ sourceDir: siteDir, dir: join(work, `site-${args.scale}`), articles: Number(args.scale), force: args.rescale });
  print(`\n${scaled.articles} articles (${scaled.articles - scaled.generated} xwlb + ${scaled.generated} generated) in ${scaled.dir}${scaled.reused ? ', made by an earlier run' : ''}: pages written in ${(scaled.generateMs / 1000).toFixed(1)} s, indexed in ${(scaled.indexMs / 1000).toFixed(1)} s`);
  print(`index parts: ${scaled.parts.map((part) => `${part.name} (${part.pages} pages)`).join(', ')}`);
  const scaledEngines: Engine[] = engines.includes('baseline') && (await ensureBaseline(scaled.dir, print)) ? engines : ['ours'];
  const scaledServer = await serveForBench(scaled.dir, Number(args.port) + 1);
  const ratio = (value: number, base: number) => (value / base).toFixed(2);
  for (const set of selected) {
    const first = {} as Record<Engine, Record<Speed, FirstFigures>>;
    for (const engine of scaledEngines) {
      first[engine] = {
        full: await firstSearch(engine, set, scaledServer.origin, 'full', `${scaled.articles}:`),
        slowed: await firstSearch(engine, set, scaledServer.origin, 'slowed', `${scaled.articles}:`),
      };
    }
    const xwlb = xwlbFirst.get(set.name) as Record<Engine, Record<Speed, FirstFigures>>;
    const cells = (engine: Engine, speed: Speed, pick: (f: Timings) => [number, number], format: (value: number) => string) => {
      const here = first[engine]?.[speed];
      const there = xwlb[engine]?.[speed];
      if (!here || !there) return ['–', '–'];
      const [a, b] = pick(here);
      const [c, d] = pick(there);
      return [pair([a, b], format), `${ratio(a, c)} / ${ratio(b, d)}`];
    };
    const profiles = Math.min(freshCount, set.queries.length);
    print(`\n${set.name} at ${scaled.articles} articles: first search (${profiles} fresh profile${profiles === 1 ? '' : 's'})`);
    print('metric | ours | ours ÷ xwlb | baseline | baseline ÷ xwlb');
    print('--- | --- | --- | --- | ---');
    for (const speed of ['full', 'slowed'] as const) {
      const suffix = speed === 'slowed' ? ', slowed' : '';
      const rows: [string, (f: Timings) => [number, number], (value: number) => string][] = [
        [`first search ms${suffix} (shown / complete)`, (f) => [f.shownMs, f.completeMs], ms],
        [`first search KB${suffix} (shown / complete)`, (f) => [f.shownBytes, f.completeBytes], kb],
      ];
      for (const [name, pick, format] of rows) print(`${name} | ${[...cells('ours', speed, pick, format), ...cells('baseline', speed, pick, format)].join(' | ')}`);
    }
  }
  await scaledServer.close();
}

if (shownMarks.loads > 0) print(`\nours: the search page marked annals:results-shown in ${shownMarks.marked} of ${shownMarks.loads} loads; elsewhere shown = complete (the results box no longer busy).`);
if (notes.length > 0) {
  print('\nnotes:');
  for (const line of notes) print(`  ${line}`);
}
writeFileSync(join(work, 'last-run.txt'), lines.join('\n') + '\n');
await browser.close();
