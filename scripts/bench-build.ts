/**
 * `npm run bench:build -- [--corpus xwlb|generated] [--articles N] [--no-hugo] [--warm] [--keep]`
 *
 * Builds the whole site (all pages, listings, feeds, search index) from a corpus and prints,
 * per phase, wall time, pages per second and the peak memory of the build's process tree;
 * then `dist/` size, index size and file counts; then the same articles built by Hugo
 * (Debian's `hugo`) as a Hugo user would write the site (scripts/lib/hugo-site.ts), and
 * Pagefind's command line over Hugo's output, which is what a Hugo user adds for search
 * (`npx pagefind --site public`). Two ratios (issue 15): our whole build to Hugo plus
 * Pagefind, and our build without its search index to plain Hugo. Prints figures; never
 * asserts times.
 *
 * Corpora (written to a temp dir, never committed):
 * - `xwlb`: ../shared/corpus/xwlb/articles.jsonl (19,876 real articles) through the JSONL
 *   importer; `--articles N` takes the first N lines.
 * - `generated`: N seed-length articles from scripts/lib/generate-corpus.ts (deterministic).
 *
 * `--warm` then rebuilds with the cache four times, each after the one before: nothing
 * changed, one article added (dated after all the others), an article of the oldest year
 * corrected, and one style rule added (the time-to-publish of an editor's or a designer's
 * commit), printing each one's phases and the build's own account of its index parts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { clearCaches, isolatedSite, megabytes, seconds, timedRun, treeSize, type PhaseMarker, type TimedRun } from './lib/bench-site.ts';
import { EARLY_INDEX_VARIABLE } from '../src/lib/search/early-parts.ts';
import { pagefindBinary } from '../src/lib/search/pagefind-cli.ts';
import { generateArticle, generateCorpus } from './lib/generate-corpus.ts';
import { writeHugoSite } from './lib/hugo-site.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'xwlb' },
    articles: { type: 'string' },
    'no-hugo': { type: 'boolean', default: false },
    warm: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const project = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'annals-bench-build-'));
const content = join(work, 'content');
const site = isolatedSite(project, join(work, 'site'));
// Astro's cache folder is the run's own even when the caller's environment names one (as
// concurrent builds must): the cold build then starts from nothing, and no other build
// shares the folder.
const cacheDir = join(work, 'astro-cache');
const outDir = join(work, 'dist');
const node = process.execPath;

function prepareCorpus(): string {
  if (values.corpus === 'generated') {
    const count = Number(values.articles ?? 10_000);
    generateCorpus({ root: content, count });
    return `${count} generated seed-length articles`;
  }
  const jsonl = join(project, '..', 'shared', 'corpus', 'xwlb', 'articles.jsonl');
  if (!existsSync(jsonl)) throw new Error(`${jsonl} is not there; use --corpus generated`);
  let input = jsonl;
  if (values.articles) {
    input = join(work, 'xwlb-part.jsonl');
    const lines = readFileSync(jsonl, 'utf8').split('\n').slice(0, Number(values.articles));
    writeFileSync(input, `${lines.join('\n')}\n`);
  }
  const imported = spawnSync(node, [join(project, 'scripts', 'import.ts'), '--quiet', '--out', content, input], { encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`import failed:\n${imported.stdout}\n${imported.stderr}`);
  return `xwlb corpus (${imported.stdout.trim().split('\n').pop()})`;
}

const ASTRO_PHASES: PhaseMarker[] = [
  { name: 'bundle', starts: /\[build\] Building static entrypoints/ },
  { name: 'page render', starts: /generating static routes/ },
  { name: 'search index', starts: /\[pagefind\] (indexing|start)|\[build\] ✓ Completed in/ },
];

async function astroBuild(label: string, env: NodeJS.ProcessEnv = {}): Promise<TimedRun> {
  const run = await timedRun(node, [join(site, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir], {
    cwd: site,
    env: { ...process.env, ANNALS_CONTENT_DIR: content, ANNALS_CACHE_DIR: cacheDir, ...env },
    first: 'content load',
    phases: ASTRO_PHASES,
  });
  if (run.exitCode !== 0) {
    console.error(run.log.slice(-4000));
    throw new Error(`${label}: astro build failed (exit ${run.exitCode})`);
  }
  return run;
}

/** The build's own account of its last steps (index parts, output check), for reading the phases. */
function printStepLines(run: TimedRun): void {
  for (const line of run.log.split('\n')) if (/\[(annals:restore-links|pagefind|annals:verify-output)\]/.test(line)) console.log(`  ${line.replace(/^\S+ /, '').trim()}`);
}

function htmlPages(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.html') && !name.startsWith('pagefind/'));
}

/** HTML pages by first folder (`x/page` for Hugo's pagers), to say what each site builds. */
function pagesByFolder(pages: string[]): string {
  const counts = new Map<string, number>();
  for (const name of pages) {
    const parts = name.split('/');
    const key = parts.length === 1 ? name : parts[1] === 'page' ? `${parts[0]}/page` : parts[0] ?? name;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, count]) => `${key} ${count}`).join(', ');
}

/** Our index's own time, from the Pagefind integration's last line (`[pagefind] N pages in M ms`). */
function indexMs(run: TimedRun): number | undefined {
  const match = /\[pagefind\] \d+ pages in (\d+) ms/.exec(run.log.replace(/\x1b\[[0-9;]*m/g, ''));
  return match ? Number(match[1]) : undefined;
}

console.log(`bench:build in ${work}`);
const described = prepareCorpus();
console.log(`corpus: ${described}\n`);

clearCaches(site);
rmSync(cacheDir, { recursive: true, force: true });
const cold = await astroBuild('cold build');
const builtPages = htmlPages(outDir);
const pages = builtPages.length;
const dist = treeSize(outDir);
const index = treeSize(join(outDir, 'pagefind'));

const row = (cells: string[]) => console.log(cells.map((cell, i) => (i === 0 ? cell.padEnd(22) : cell.padStart(12))).join(''));
console.log(`Astro, cold build: ${pages} HTML pages (${pagesByFolder(builtPages)})\n`);
row(['phase', 'wall s', 'pages/s', 'peak MB']);
for (const phase of cold.phases) row([phase.name, seconds(phase.ms), (pages / (phase.ms / 1000)).toFixed(0), megabytes(phase.peakBytes)]);
row(['total', seconds(cold.wallMs), (pages / (cold.wallMs / 1000)).toFixed(0), megabytes(cold.peakBytes)]);
printStepLines(cold);

// With the Hugo comparison: the same cold build with every part indexed after the pages
// (src/lib/search/early-parts.ts turned off), whose phases say what the build costs without
// its index, as the early build's render phase carries Pagefind's runs beside it.
let coldAfter: TimedRun | undefined;
if (!values['no-hugo']) {
  clearCaches(site);
  rmSync(cacheDir, { recursive: true, force: true });
  coldAfter = await astroBuild('cold build, parts indexed after the pages', { [EARLY_INDEX_VARIABLE]: 'off' });
  console.log(`\nAstro, cold build again with ${EARLY_INDEX_VARIABLE}=off (every part indexed after the pages):\n`);
  row(['phase', 'wall s', 'pages/s', 'peak MB']);
  for (const phase of coldAfter.phases) row([phase.name, seconds(phase.ms), (pages / (phase.ms / 1000)).toFixed(0), megabytes(phase.peakBytes)]);
  row(['total', seconds(coldAfter.wallMs), (pages / (coldAfter.wallMs / 1000)).toFixed(0), megabytes(coldAfter.peakBytes)]);
  printStepLines(coldAfter);
}
console.log(`\ndist/: ${megabytes(dist.bytes)} MB in ${dist.files} files; search index: ${megabytes(index.bytes)} MB in ${index.files} files`);

if (values.warm) {
  // The rebuilds a newsroom's CI runs, each after the one before, all with the cache: nothing
  // changed (the floor), an editor's new story (dated after every other, so it lands in the
  // newest index part), a correction to an article of the oldest year (its part is the
  // oldest one), and a style-only change (a rule added to the site's stylesheet, which no
  // page's HTML or text depends on).
  const years = readdirSync(join(content, 'articles')).filter((name) => /^\d{4}$/.test(name)).map(Number);
  const newestYear = Math.max(...years);
  const rebuilds: [string, () => void][] = [
    ['nothing changed', () => {}],
    [
      'one article added',
      () => {
        const file = join(content, 'articles', String(newestYear), '12', 'bench-new-article.mdx');
        mkdirSync(join(file, '..'), { recursive: true });
        writeFileSync(file, generateArticle(9_999_999).text.replace(/^date: .*$/m, `date: ${newestYear}-12-31T23:30+08:00`));
      },
    ],
    [
      `corrected (${Math.min(...years)})`,
      () => {
        const file = readdirSync(join(content, 'articles', String(Math.min(...years))), { recursive: true, encoding: 'utf8' })
          .filter((name) => name.endsWith('.mdx'))
          .sort()[0];
        if (!file) throw new Error(`no article in ${Math.min(...years)}`);
        const path = join(content, 'articles', String(Math.min(...years)), file);
        const text = readFileSync(path, 'utf8');
        const corrected = text.replace(/\n---\n/, `\ncorrections:\n  - date: ${newestYear}-12-31T23:40+08:00\n    text: 原文一处数字有误，已改正。\n---\n`);
        if (corrected === text) throw new Error(`${path}: no end of frontmatter found`);
        writeFileSync(path, corrected);
      },
    ],
    ['a style rule added', () => writeFileSync(join(site, 'public', 'styles', 'global.css'), `${readFileSync(join(site, 'public', 'styles', 'global.css'), 'utf8')}\n.bench-style-change { outline-offset: 1px; }\n`)],
  ];
  console.log('\nAstro, cached rebuilds (each after the one before):');
  row(['', 'wall s', '', 'peak MB']);
  for (const [name, change] of rebuilds) {
    change();
    const rebuild = await astroBuild(name);
    row([name, seconds(rebuild.wallMs), '', megabytes(rebuild.peakBytes)]);
    for (const phase of rebuild.phases) row([`  ${phase.name}`, seconds(phase.ms), '', megabytes(phase.peakBytes)]);
    printStepLines(rebuild);
  }
}

if (!values['no-hugo']) {
  const hugoVersion = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  if (hugoVersion.status !== 0) {
    console.log('\nHugo: not installed (apt-get install hugo), skipped');
  } else {
    const hugoDir = join(work, 'hugo');
    const hugoOut = join(work, 'hugo-public');
    mkdirSync(hugoDir);
    const [name = 'hugo', version = ''] = hugoVersion.stdout.trim().split(' ');
    const count = writeHugoSite(content, hugoDir, version);
    const hugoArgs = ['--quiet', '--destination', hugoOut];
    const hugo = await timedRun('hugo', hugoArgs, { cwd: hugoDir, env: process.env, first: 'build', phases: [] });
    if (hugo.exitCode !== 0) throw new Error(`hugo failed:\n${hugo.log.slice(-3000)}`);
    const hugoBuilt = htmlPages(hugoOut);
    // What a Hugo user adds for search: `npx pagefind --site public` runs this binary (the
    // extended one, which segments Chinese), the one our own index uses. Without PAGEFIND_*
    // variables, as our indexer runs it.
    const binary = pagefindBinary();
    const pagefindArgs = ['--site', hugoOut];
    const pagefindEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^PAGEFIND_/i.test(key)));
    const pagefind = await timedRun(binary, pagefindArgs, { cwd: hugoDir, env: pagefindEnv, first: 'index', phases: [] });
    if (pagefind.exitCode !== 0) throw new Error(`pagefind over Hugo's output failed:\n${pagefind.log.slice(-3000)}`);
    const entry = JSON.parse(readFileSync(join(hugoOut, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { page_count?: number }> };
    const indexed = Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
    const hugoIndex = treeSize(join(hugoOut, 'pagefind'));

    console.log(`\nHugo (${name} ${version}), same ${count} articles, as a Hugo user writes the site: ${hugoBuilt.length} HTML pages (${pagesByFolder(hugoBuilt)})\n`);
    row(['', 'wall s', 'pages/s', 'peak MB']);
    row(['hugo', seconds(hugo.wallMs), (hugoBuilt.length / (hugo.wallMs / 1000)).toFixed(0), megabytes(hugo.peakBytes)]);
    row(['pagefind', seconds(pagefind.wallMs), (indexed / (pagefind.wallMs / 1000)).toFixed(0), megabytes(pagefind.peakBytes)]);
    const withIndexMs = hugo.wallMs + pagefind.wallMs;
    const withIndexPeak = Math.max(hugo.peakBytes, pagefind.peakBytes);
    row(['hugo + pagefind', seconds(withIndexMs), '', megabytes(withIndexPeak)]);
    console.log(`  hugo ${hugoArgs.join(' ')}, then ${relative(project, binary)} ${pagefindArgs.join(' ')}: ${indexed} pages indexed, ${megabytes(hugoIndex.bytes)} MB in ${hugoIndex.files} files`);

    // Without the index: the build that indexed after the pages, less its index step (the
    // integration's line), so the output check and publishing stay in; peak memory of its
    // phases before the index.
    const without = coldAfter ?? cold;
    const ours = indexMs(without);
    const oursWithoutMs = without.wallMs - (ours ?? without.phases.find((phase) => phase.name === 'search index')?.ms ?? 0);
    const oursWithoutPeak = Math.max(...without.phases.filter((phase) => phase.name !== 'search index').map((phase) => phase.peakBytes));
    const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
    console.log(`\nOurs to Hugo, cold, this run (${pages} pages against ${hugoBuilt.length}):`);
    console.log(`  with the search index: ${seconds(cold.wallMs)} s against Hugo + Pagefind ${seconds(withIndexMs)} s: ${ratio(cold.wallMs, withIndexMs)} the time; peak ${megabytes(cold.peakBytes)} MB against ${megabytes(withIndexPeak)} MB: ${ratio(cold.peakBytes, withIndexPeak)} the memory`);
    console.log(`  without it: ${seconds(oursWithoutMs)} s (the build with ${EARLY_INDEX_VARIABLE}=off, ${seconds(without.wallMs)} s, less its index step's ${ours === undefined ? 'phase' : `${seconds(ours)} s`}) against Hugo ${seconds(hugo.wallMs)} s: ${ratio(oursWithoutMs, hugo.wallMs)} the time; peak ${megabytes(oursWithoutPeak)} MB against ${megabytes(hugo.peakBytes)} MB: ${ratio(oursWithoutPeak, hugo.peakBytes)} the memory`);
  }
}

console.log(`\nMade by: node scripts/bench-build.ts --corpus ${values.corpus}${values.articles ? ` --articles ${values.articles}` : ''}${values['no-hugo'] ? ' --no-hugo' : ''}${values.warm ? ' --warm' : ''}`);
if (values.keep) console.log(`Kept ${work}`);
else rmSync(work, { recursive: true, force: true });
