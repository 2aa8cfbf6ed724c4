/**
 * `npm run bench:dev -- [--content DIR | --corpus xwlb|generated [--articles N]] [--port 4611] [--edits 5] [--profile] [--keep]`
 * `npm run bench:dev -- --phases DIR` (where the time of a run kept with --profile went, again)
 *
 * What an editor waits for in `astro dev` (issue 16, item 2): the dev server started on a
 * content root, the time until the home page answers 200 and until the first article page
 * answers; then, one after the other, `--edits` saved changes to an article's title (a
 * different article each time, the newest and the oldest first, then ones in between),
 * each timed from the file's write until its page serves the new title; then a new article
 * file, timed until its page answers and until the home page lists it; and the home page
 * after an edit to the newest article. Last, the server is stopped and started again over
 * the cache the first start left (what an editor sees every morning). Prints figures (each
 * and the median); never asserts times.
 *
 * The content is always a copy in a temporary folder, so the edits never touch the
 * content they came from, and each run starts from the same articles:
 * - `--content DIR`: a content root (e.g. the xwlb import at /tmp/annals-bench-search/content);
 * - `--corpus xwlb` (the default when ../shared/corpus/xwlb/articles.jsonl is there): that
 *   corpus through the JSONL importer, `--articles N` the first N lines;
 * - `--corpus generated`: N seed-length articles from scripts/lib/generate-corpus.ts (default 10,000).
 * The site runs from an isolated copy (scripts/lib/bench-site.ts) with its own `.astro/` and
 * cache folder, so other builds and dev servers neither disturb nor are disturbed by it.
 *
 * `--profile` runs the dev server under `node --cpu-prof` and keeps the profiles (in the
 * work folder, which is then kept), with `profiles/windows.json`: each figure's start and end
 * on the profiles' clock (the monotonic clock, in microseconds), and prints where each
 * figure's time went on the main thread, by phase (scripts/lib/profile-phases.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clearCaches, isolatedSite } from './lib/bench-site.ts';
import { profilePhases, profileSpan } from './lib/profile-phases.ts';
import { generateArticle, generateCorpus } from './lib/generate-corpus.ts';
import { parseArticleFile } from '../src/lib/frontmatter.ts';
import { articlePath, slugFromFileName } from '../src/lib/permalinks.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string' },
    corpus: { type: 'string' },
    articles: { type: 'string' },
    port: { type: 'string', default: '4611' },
    edits: { type: 'string', default: '5' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    phases: { type: 'string' },
  },
});

const project = process.cwd();
const xwlbJsonl = join(project, '..', 'shared', 'corpus', 'xwlb', 'articles.jsonl');
const corpus = values.corpus ?? (existsSync(xwlbJsonl) ? 'xwlb' : 'generated');
const port = Number(values.port);
const origin = `http://127.0.0.1:${port}`;
const editCount = Number(values.edits);
const work = mkdtempSync(join(tmpdir(), 'annals-bench-dev-'));
const content = join(work, 'content');
const cacheDir = join(work, 'astro-cache');
const node = process.execPath;
/** Longest wait for any one page, so a broken server ends the run instead of hanging it. */
const GIVE_UP_MS = Number(process.env["BENCH_DEV_GIVE_UP_MS"] ?? 600_000);

function prepareContent(): string {
  if (values.content) {
    if (!existsSync(join(values.content, 'articles'))) throw new Error(`${values.content} has no articles/ folder; --content takes a content root laid out like content/`);
    cpSync(values.content, content, { recursive: true });
    return `a copy of ${values.content}`;
  }
  if (corpus === 'generated') {
    const count = Number(values.articles ?? 10_000);
    generateCorpus({ root: content, count });
    return `${count} generated seed-length articles`;
  }
  if (corpus !== 'xwlb') throw new Error(`--corpus ${corpus}: use xwlb or generated`);
  if (!existsSync(xwlbJsonl)) throw new Error(`${xwlbJsonl} is not there; use --corpus generated or --content DIR`);
  let input = xwlbJsonl;
  if (values.articles) {
    input = join(work, 'xwlb-part.jsonl');
    writeFileSync(input, `${readFileSync(xwlbJsonl, 'utf8').split('\n').slice(0, Number(values.articles)).join('\n')}\n`);
  }
  const imported = spawnSync(node, [join(project, 'scripts', 'import.ts'), '--quiet', '--out', content, input], { encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`import failed:\n${imported.stdout}\n${imported.stderr}`);
  return `xwlb corpus (${imported.stdout.trim().split('\n').pop()})`;
}

interface ArticleFile {
  path: string;
  slug: string;
  date: string;
}

/** Every article file of the copy with its permalink and date, oldest first. */
function articleFiles(): ArticleFile[] {
  const dir = join(content, 'articles');
  const files: ArticleFile[] = [];
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.mdx') || name.split('/').some((part) => part.startsWith('_') || part.startsWith('.'))) continue;
    const path = join(dir, name);
    const { data } = parseArticleFile(readFileSync(path, 'utf8'));
    if (!data || data['draft'] === true) continue;
    const slug = typeof data['slug'] === 'string' ? data['slug'] : slugFromFileName(name);
    files.push({ path, slug, date: String(data['date']) });
  }
  return files.sort((a, b) => a.date.localeCompare(b.date) || a.slug.localeCompare(b.slug));
}

/** The articles to edit: newest, oldest, then evenly in between; each once. */
function pickEdits(files: ArticleFile[], count: number): ArticleFile[] {
  const picks = new Set<number>([files.length - 1, 0]);
  for (let i = 1; picks.size < Math.min(count, files.length); i++) picks.add(Math.floor((files.length * i) / (count - 1 || 1)) % files.length);
  return [...picks].slice(0, count).map((index) => files[index] as ArticleFile);
}

let server: ChildProcess | undefined;
let serverLog = '';

function startServer(label: string): void {
  serverLog += `\n===== ${label}\n`;
  // Node writes a --cpu-prof profile only when the process exits, which astro dev does not on
  // a signal unless told to.
  const exitOnSignal = join(work, 'exit-on-signal.mjs');
  if (values.profile) writeFileSync(exitOnSignal, "process.once('SIGINT', () => process.exit(0));\n");
  const profileArgs = values.profile ? ['--cpu-prof', '--cpu-prof-dir', join(work, 'profiles', label.replace(/\W+/g, '-')), '--import', `file://${exitOnSignal}`] : [];
  server = spawn(node, [...profileArgs, join('node_modules', 'astro', 'bin', 'astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: site,
    env: { ...process.env, ANNALS_CONTENT_DIR: content, ANNALS_CACHE_DIR: cacheDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it stops whatever it started.
    detached: true,
  });
  const append = (chunk: Buffer) => {
    serverLog += chunk.toString('utf8');
  };
  server.stdout?.on('data', append);
  server.stderr?.on('data', append);
}

async function stopServer(): Promise<void> {
  const running = server;
  server = undefined;
  if (!running?.pid || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  // SIGINT lets node write its --cpu-prof profile; the group gets SIGKILL if it lingers.
  try {
    process.kill(values.profile ? running.pid : -running.pid, 'SIGINT');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-running.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 60_000);
  await exited;
  clearTimeout(timer);
}

function stopServerNow(): void {
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
process.on('exit', stopServerNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopServerNow();
    process.exit(130);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds from `since` until `path` answers 200 with a body that `accept` takes (polled one request at a time). */
async function waitFor(path: string, since: number, accept: (html: string) => boolean = () => true): Promise<number> {
  for (;;) {
    if (server?.exitCode !== null) throw new Error(`the dev server exited (${server?.exitCode ?? 'stopped'}); its log:\n${serverLog.slice(-4000)}`);
    try {
      const response = await fetch(`${origin}${path}`);
      const html = await response.text();
      if (response.status === 200 && accept(html)) return performance.now() - since;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - since > GIVE_UP_MS) throw new Error(`${path} did not answer as expected in ${GIVE_UP_MS / 1000} s; the server's log:\n${serverLog.slice(-4000)}`);
    await sleep(50);
  }
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const rows: [string, string][] = [];
/** Each figure's window on the monotonic clock a --cpu-prof profile's timestamps use (microseconds), to find it in the profiles. */
const windows: { label: string; startUs: number; endUs: number }[] = [];
const record = (label: string, ms: number) => {
  const endUs = Number(process.hrtime.bigint() / 1000n);
  windows.push({ label, startUs: endUs - Math.round(ms * 1000), endUs });
  rows.push([label, seconds(ms)]);
  console.log(`  ${label}: ${seconds(ms)} s`);
};

/** Where each figure's time went on the main thread, by phase, from the profiles of a run kept in `dir`. */
function printPhases(dir: string, figures: typeof windows): void {
  // The main thread's profiles (a worker thread's have another thread number), with the span each covers.
  const profiles = readdirSync(join(dir, 'profiles'), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.0\.\d+\.cpuprofile$/.test(name))
    .map((name) => ({ file: join(dir, 'profiles', name), ...profileSpan(join(dir, 'profiles', name)) }));
  console.log('\nwhere the time went, by phase (main thread, from the profiles; ms):');
  for (const window of figures) {
    const profile = profiles.find((candidate) => window.endUs > candidate.startUs && window.startUs < candidate.endUs);
    if (!profile || window.endUs - window.startUs < 100_000) continue;
    const before = Math.max(0, profile.startUs - window.startUs) / 1000;
    console.log(`${window.label.trim()}: ${seconds((window.endUs - window.startUs) / 1000)} s${before > 0 ? ` (${before.toFixed(0)} ms of it before the profile started)` : ''}`);
    const phases = [...profilePhases(profile.file, window.startUs, window.endUs)].filter(([, ms]) => ms >= 20).sort((a, b) => b[1] - a[1]);
    for (const [phase, ms] of phases) console.log(`  ${ms.toFixed(0).padStart(6)}  ${phase}`);
  }
}

// `--phases DIR`: the phases of a run kept before (its profiles and windows.json), nothing run.
if (values.phases) {
  rmSync(work, { recursive: true, force: true });
  printPhases(values.phases, JSON.parse(readFileSync(join(values.phases, 'profiles', 'windows.json'), 'utf8')) as typeof windows);
  process.exit(0);
}

console.log(`bench:dev in ${work}`);
const described = prepareContent();
const site = isolatedSite(project, join(work, 'site'));
clearCaches(site);
const files = articleFiles();
console.log(`content: ${described}; ${files.length} published articles\n`);
const runId = Date.now().toString(36);
const first = files.at(-1);
if (!first) throw new Error('the content root has no published article');

try {
  startServer('cold start');
  const started = performance.now();
  record('cold start: home page 200', await waitFor('/', started));
  const firstArticle = performance.now();
  record('first article page', await waitFor(articlePath(first.slug), firstArticle));
  const secondArticle = performance.now();
  record('another article page', await waitFor(articlePath((files[Math.floor(files.length / 2)] as ArticleFile).slug), secondArticle));

  // Saved title changes: each article's page, polled until it shows the new title. A marker
  // of ASCII and Han characters only, so no HTML escaping hides it.
  const editTimes: number[] = [];
  for (const [i, article] of pickEdits(files, editCount).entries()) {
    const text = readFileSync(article.path, 'utf8');
    const title = parseArticleFile(text).data?.['title'];
    const marker = `修订${runId}${i}`;
    const edited = text.replace(/^title:.*$/m, `title: ${JSON.stringify(`${String(title)} ${marker}`)}`);
    if (edited === text) throw new Error(`${article.path}: no title: line to edit`);
    await waitFor(articlePath(article.slug), performance.now()); // Rendered once before, as an editor has it open.
    const saved = performance.now();
    writeFileSync(article.path, edited);
    const ms = await waitFor(articlePath(article.slug), saved, (html) => html.includes(marker));
    editTimes.push(ms);
    record(`edit ${i + 1} (${article.date.slice(0, 10)} ${article.slug})`, ms);
    if (i === 0) {
      // The newest article is on the home page: the home page after that edit.
      const home = performance.now();
      record('  home page after it shows the new title', await waitFor('/', home, (html) => html.includes(marker)));
    }
  }
  rows.push(['edit: median of ' + editTimes.length, seconds(median(editTimes))]);

  // A new article, dated after every other, so the home page lists it first.
  const newestYear = first.date.slice(0, 4);
  const generated = generateArticle(9_999_999);
  const newSlug = `bench-dev-${runId}`;
  const newFile = join(content, 'articles', newestYear, '12', `${newSlug}.mdx`);
  const newTitle = `新稿${runId}`;
  mkdirSync(join(newFile, '..'), { recursive: true });
  const added = performance.now();
  writeFileSync(
    newFile,
    generated.text.replace(/^date: .*$/m, `date: ${newestYear}-12-31T23:59+08:00`).replace(/^title:.*$/m, `title: ${newTitle}`).replace(/^slug:.*\n/m, ''),
  );
  record('new article: its page 200', await waitFor(articlePath(newSlug), added, (html) => html.includes(newTitle)));
  record('new article: on the home page', await waitFor('/', added, (html) => html.includes(newTitle)));
  await stopServer();

  startServer('warm start');
  const restarted = performance.now();
  record('warm start (cache kept): home page 200', await waitFor('/', restarted));
  const warmArticle = performance.now();
  record('  then an article page', await waitFor(articlePath(first.slug), warmArticle));
  await stopServer();
} finally {
  stopServerNow();
}

writeFileSync(join(work, 'dev-server.log'), serverLog);
if (values.profile) {
  writeFileSync(join(work, 'profiles', 'windows.json'), `${JSON.stringify(windows, null, 1)}\n`);
  printPhases(work, windows);
}
console.log('\nastro dev on the content above (seconds):');
for (const [label, value] of rows) console.log(`${label.padEnd(52)}${value.padStart(8)}`);
console.log(`\nMade by: node scripts/bench-dev.ts ${values.content ? `--content ${values.content}` : `--corpus ${corpus}${values.articles ? ` --articles ${values.articles}` : ''}`} --edits ${editCount}${values.profile ? ' --profile' : ''}`);
if (values.keep || values.profile) console.log(`Kept ${work} (dev-server.log${values.profile ? ', profiles/' : ''})`);
else rmSync(work, { recursive: true, force: true });
