/**
 * `npm run bench:markdown -- [--articles 2000] [--runs 3] [--seed 1] [--keep]`
 *
 * Times `astro build` of a generated corpus with each Markdown processor: Sätteri (Astro
 * 7's default) and unified + rehype-slug. Prints figures; never asserts times.
 *
 * - Corpus: the reference article plus `articles - 1` generated ones
 *   (scripts/lib/generate-corpus.ts), in a temp dir, built through ANNALS_CONTENT_DIR.
 * - Isolation: the builds run in a temp copy of the site (config, src, public) whose
 *   node_modules links each package of ours. Astro's `.astro/`, content-layer cache and
 *   Vite cache therefore live in the temp copy, and builds others run in this tree
 *   neither disturb nor are disturbed by ours. Every run starts cold: caches removed.
 * - Runs are interleaved (satteri, unified, satteri, unified, …) to spread machine noise.
 * - Phases come from Astro's log: "setup" is Astro's timer up to "Collecting build info ✓"
 *   (content layer sync, types; not process start-up nor config loading), "bundle" the Vite build (MDX compilation happens here),
 *   "pages" the "generating static routes" phase, "pagefind" our integration's indexing;
 *   "no-pagefind" is the wall time minus Pagefind's, which does the same work for both
 *   processors and varies the most between runs.
 * - Peak RSS: /proc polled every 100 ms, summed over the build's process tree (shared
 *   pages count once per process, so it overstates a little).
 * - Heading ids: the `<h2 id>`s of every built article page are compared between the
 *   two processors, and the reference article's are printed.
 */
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus, REFERENCE_ARTICLE } from './lib/generate-corpus.ts';

const PROCESSORS = ['satteri', 'unified'] as const;
type Processor = (typeof PROCESSORS)[number];

interface Run {
  wallMs: number;
  syncMs?: number;
  bundleMs?: number;
  pagesMs?: number;
  pagefindMs?: number;
  peakRssMb: number;
}

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const articles = Number(values.articles);
const runs = Number(values.runs);
const project = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'annals-bench-'));
const content = join(work, 'content');
const site = join(work, 'site');

// The corpus: the reference article and generated ones.
mkdirSync(join(content, 'articles/2017/10'), { recursive: true });
copyFileSync(REFERENCE_ARTICLE, join(content, relative(join(project, 'content'), REFERENCE_ARTICLE)));
generateCorpus({ root: content, count: articles - 1, seed: Number(values.seed) });

// The site copy, with node_modules linked package by package (its dot folders stay its own).
for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public']) {
  cpSync(join(project, entry), join(site, entry), { recursive: true });
}
mkdirSync(join(site, 'node_modules'));
for (const name of readdirSync(join(project, 'node_modules'))) {
  if (!name.startsWith('.')) symlinkSync(join(project, 'node_modules', name), join(site, 'node_modules', name));
}

const astro = join(site, 'node_modules/astro/bin/astro.mjs');
const outDir = (processor: Processor) => join(work, `out-${processor}`);
const envFor = (processor: Processor) => ({ ANNALS_CONTENT_DIR: content, ANNALS_MARKDOWN_PROCESSOR: processor });
const command = (processor: Processor) =>
  `cd ${site} && ${Object.entries(envFor(processor)).map(([key, value]) => `${key}=${value}`).join(' ')} ${process.execPath} ${astro} build --outDir ${outDir(processor)}`;

/** Resident memory of a process tree, in bytes. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1];
      rss.set(Number(name), Number(kb ?? 0) * 1024);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    total += rss.get(pid) ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Milliseconds of the first duration `pattern` captures after the text `after`. Astro
 * prints "456ms", "1.23s" or "1m 3s"; Pagefind "2980 ms".
 */
function phase(log: string, after: string, pattern: RegExp): number | undefined {
  const start = log.indexOf(after);
  const duration = start === -1 ? undefined : pattern.exec(log.slice(start))?.[1];
  const parts = duration && /^(?:(\d+)m )?([\d.]+) ?(ms|s)$/.exec(duration);
  if (!parts) return undefined;
  return Number(parts[1] ?? 0) * 60_000 + Number(parts[2]) * (parts[3] === 's' ? 1000 : 1);
}

async function build(processor: Processor, round: number): Promise<Run> {
  for (const cache of ['.astro', 'node_modules/.astro', 'node_modules/.vite']) rmSync(join(site, cache), { recursive: true, force: true });
  rmSync(outDir(processor), { recursive: true, force: true });
  const logFile = join(work, `${processor}-${round}.log`);
  const log = openSync(logFile, 'w');
  const started = performance.now();
  const child = spawn(process.execPath, [astro, 'build', '--outDir', outDir(processor)], {
    cwd: site,
    env: { ...process.env, ...envFor(processor) },
    stdio: ['ignore', log, log],
  });
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, child.pid ? treeRss(child.pid) : 0)), 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const wallMs = performance.now() - started;
  clearInterval(poll);
  closeSync(log);
  const text = readFileSync(logFile, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  if (code !== 0) {
    console.error(text.slice(-3000));
    throw new Error(`${processor} build failed (exit ${code}); log: ${logFile}`);
  }
  const time = /Completed in ([\dms. ]+)\./;
  const sync = phase(text, 'Collecting build info', time);
  const entrypoints = phase(text, 'Building static entrypoints', /\[build\] ✓ Completed in ([\dms. ]+)\./);
  const pages = phase(text, 'generating static routes', time);
  const pagefind = phase(text, '[pagefind] indexed', /in (\d+ ms)/);
  return {
    wallMs,
    peakRssMb: peak / 2 ** 20,
    ...(sync === undefined ? {} : { syncMs: sync }),
    // Astro's "entrypoints" timer also covers page generation, which runs inside the Vite build.
    ...(entrypoints === undefined || pages === undefined ? {} : { bundleMs: entrypoints - pages }),
    ...(pages === undefined ? {} : { pagesMs: pages }),
    ...(pagefind === undefined ? {} : { pagefindMs: pagefind }),
  };
}

function median(numbers: (number | undefined)[]): number | undefined {
  const sorted = numbers.filter((n): n is number => n !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** `<h2 id>`s of every article page, by page. */
function headingIds(out: string): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  for (const slug of readdirSync(join(out, 'articles'))) {
    const html = readFileSync(join(out, 'articles', slug, 'index.html'), 'utf8');
    ids.set(slug, [...html.matchAll(/<h2\b[^>]*\bid="([^"]*)"/g)].map((match) => match[1] ?? ''));
  }
  return ids;
}

console.log(`bench:markdown: ${articles} articles, ${runs} runs per processor, in ${work}`);
const results = new Map<Processor, Run[]>(PROCESSORS.map((processor) => [processor, []]));
for (let round = 1; round <= runs; round++) {
  for (const processor of PROCESSORS) {
    const run = await build(processor, round);
    results.get(processor)?.push(run);
    console.log(`  run ${round} ${processor.padEnd(7)} ${(run.wallMs / 1000).toFixed(1)} s, pages ${((run.pagesMs ?? NaN) / 1000).toFixed(1)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB`);
  }
}

const seconds = (ms: number | undefined) => (ms === undefined ? '?' : (ms / 1000).toFixed(1));
const columns = ['processor', 'wall s', 'no-pagefind s', 'setup s', 'bundle s', 'pages s', 'pagefind s', 'peak RSS MB'];
const rows = PROCESSORS.map((processor) => {
  const list = results.get(processor) ?? [];
  const of = (key: keyof Run) => median(list.map((run) => run[key]));
  // Pagefind does the same work whatever the processor, and its time varies the most.
  const withoutPagefind = median(list.map((run) => (run.pagefindMs === undefined ? undefined : run.wallMs - run.pagefindMs)));
  return [processor, seconds(of('wallMs')), seconds(withoutPagefind), seconds(of('syncMs')), seconds(of('bundleMs')), seconds(of('pagesMs')), seconds(of('pagefindMs')), (of('peakRssMb') ?? 0).toFixed(0)];
});
const ratio = rows[0]?.map((cell, i) => (i === 0 ? 'unified/satteri' : (Number(rows[1]?.[i]) / Number(cell)).toFixed(2))) ?? [];
console.log(`\nMedians of ${runs} cold builds of ${articles} articles (interleaved):\n`);
for (const row of [columns, ...rows, ratio]) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(16) : cell.padStart(13))).join(''));

const satteriIds = headingIds(outDir('satteri'));
const unifiedIds = headingIds(outDir('unified'));
const differing = [...satteriIds].filter(([slug, ids]) => ids.join('\n') !== unifiedIds.get(slug)?.join('\n'));
console.log(`\nHeading ids: ${differing.length} of ${satteriIds.size} article pages differ between satteri and unified.`);
for (const [slug, ids] of differing.slice(0, 5)) console.log(`  ${slug}: satteri ${ids.join(' ')} | unified ${unifiedIds.get(slug)?.join(' ')}`);
console.log(`  reference article, satteri: ${satteriIds.get('shaoyang-party-building-2017')?.join(' ')}`);
console.log(`  reference article, unified: ${unifiedIds.get('shaoyang-party-building-2017')?.join(' ')}`);

console.log(`\nMade by: node scripts/bench-markdown.ts --articles ${articles} --runs ${runs} --seed ${values.seed}`);
console.log(`Each build: ${command('satteri')}\n  (and ANNALS_MARKDOWN_PROCESSOR=unified, --outDir ${outDir('unified')})`);
if (values.keep) console.log(`Kept ${work}`);
else rmSync(work, { recursive: true, force: true });
