/**
 * `npm run import -- [options] <inputs…>`: turns news captures into article files.
 *
 * Inputs are `.txt` page captures, saved `.html`/`.htm` pages, `.jsonl` record files, or
 * folders of them (searched recursively). A folder is read as a saved site (a `wget --mirror`
 * copy; issue 17): its pages go through `site-import.ts` (pages that are not articles
 * skipped, continuation pages merged, duplicates recognised), a manifest in ROOT/_import/
 * makes a second run import only what is new, and ROOT/_import/report.{json,txt} says what
 * happened. Site profiles (`--profile`) say where a CMS template prints each field. Every file written is checked with the same
 * check as the build; a file that fails it is an importer bug and is reported as an error
 * instead of being written. A bad input never stops the others: all problems are printed,
 * and the exit code is non-zero at the end if there were any.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../src/lib/content-check.ts';
import { contentRoot } from '../src/lib/content-root.ts';
import { ImportError } from '../src/lib/import/errors.ts';
import { parseJsonl } from '../src/lib/import/jsonl.ts';
import { importSlug } from '../src/lib/import/slug.ts';
import { prepareArticle } from '../src/lib/import/target.ts';
import { parseTextCapture } from '../src/lib/import/text-capture.ts';
import { planSiteImport, type SavedPage } from '../src/lib/import/site-import.ts';
import { looksLikeHost } from '../src/lib/import/site-pages.ts';
import { formatProfileProblem, parseSiteProfile, profileForPage, type SiteProfile } from '../src/lib/import/site-profile.ts';
import { compareWithManifest, digestOf, emptyManifest, emptyReport, formatReport, parseManifest, type Manifest, type SiteReport } from '../src/lib/import/site-report.ts';
import type { ImportedArticle } from '../src/lib/import/types.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = `usage: npm run import -- [--out ROOT] [--profile FILE]… [--dry-run] [--force] [--quiet] <file or folder>…

  inputs     .txt page captures, .html/.htm saved pages, .jsonl record files, or folders of them;
             a folder is a saved site (wget --mirror): index, list, search and error pages are
             skipped, continuation pages merged, duplicates recognised, and a second run imports
             only what is new (ROOT/_import/manifest.json); the report is ROOT/_import/report.txt and .json
  --out      content root to write into (default: $ANNALS_CONTENT_DIR or content/);
             articles land in ROOT/articles/YYYY/MM/<slug>.mdx, incomplete ones in ROOT/articles/_review/
  --profile  a site profile (YAML) or a folder of them: where a CMS template prints each field
             (docs/editing.md, "Site profiles"); repeat for several sites
  --dry-run  print what would be written (path and first lines); write nothing
  --force    overwrite files that already exist, and pages changed since the last import
  --quiet    print only errors and the summary`;

const EXTENSIONS = new Set(['.txt', '.html', '.htm', '.jsonl']);

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      profile: { type: 'string', multiple: true, default: [] },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  console.error(`import: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const { values: options, positionals: inputs } = parsed;
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (inputs.length === 0) {
  console.error(`import: name at least one file or folder to import\n${USAGE}`);
  process.exit(2);
}

const cwd = process.cwd();
const root = options.out === undefined ? contentRoot(cwd) : resolve(cwd, options.out);
const dryRun = options['dry-run'];
const timeZone = siteConfig.timeZone;
const shown = (path: string) => {
  const near = relative(cwd, path);
  return near === '' || near.startsWith('..') ? path : near;
};

let imported = 0;
let skipped = 0;
let notes = 0;
let errors = 0;
let review = 0;

const info = (message: string) => {
  if (!options.quiet) console.log(message);
};
const fail = (message: string) => {
  errors++;
  console.error(`error: ${message}`);
};
const reportError = (error: unknown, input: string) => {
  if (error instanceof ImportError) fail(error.format());
  else fail(`${input}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
};

/** Extensions of files in a saved site that are never pages: left alone without a word each. */
const ASSET = /\.(?:css|js|mjs|json|xml|txt|md|png|jpe?g|gif|webp|svg|ico|bmp|tiff?|woff2?|ttf|eot|otf|mp[34]|flv|swf|pdf|docx?|xlsx?|pptx?|zip|rar|gz|7z|exe|apk)$/i;
const PAGE = /\.(?:html?|shtml|xhtml)$/i;

/** A saved site: a folder given on the command line and the pages in it. */
interface SiteInput {
  folder: string;
  pages: string[];
  notPages: Record<string, number>;
}
const sites: SiteInput[] = [];

/** Whether a file without a page extension (`show.php?id=3`, `a.asp`) is a saved page all the same. */
function sniffsAsHtml(path: string): boolean {
  const head = readFileSync(path).subarray(0, 1024).toString('latin1');
  return /<!doctype html|<html[\s>]/i.test(head);
}

/** Files to import, in a stable order; a folder is a saved site, whose pages are collected into `sites`. */
function collect(input: string): string[] {
  const full = resolve(cwd, input);
  if (!existsSync(full)) {
    fail(`${input}: no such file or folder`);
    return [];
  }
  if (!statSync(full).isDirectory()) {
    if (!EXTENSIONS.has(extname(full).toLowerCase())) {
      fail(`${input}: cannot import a ${extname(full) || 'file without extension'}; give a .txt capture, an .html/.htm page or a .jsonl file`);
      return [];
    }
    return [full];
  }
  const files: string[] = [];
  const site: SiteInput = { folder: full, pages: [], notPages: {} };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (PAGE.test(name)) site.pages.push(path);
      else if (/\.(?:txt|jsonl)$/i.test(name)) files.push(path);
      else if (!ASSET.test(name) && sniffsAsHtml(path)) site.pages.push(path);
      else {
        const extension = extname(name).toLowerCase() || '(none)';
        site.notPages[extension] = (site.notPages[extension] ?? 0) + 1;
      }
    }
  };
  walk(full);
  sites.push(site);
  return files;
}

type HtmlImporter = (bytes: Uint8Array, fileName: string, options?: { profile?: SiteProfile }) => ImportedArticle;
let htmlImporter: HtmlImporter | undefined;
async function loadHtmlImporter(): Promise<HtmlImporter> {
  if (htmlImporter) return htmlImporter;
  const modulePath = '../src/lib/import/html.ts';
  let module: { importHtmlPage?: unknown };
  try {
    module = (await import(modulePath)) as { importHtmlPage?: unknown };
  } catch (error) {
    throw new Error(`HTML import is not available: src/lib/import/html.ts could not be loaded (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof module.importHtmlPage !== 'function') throw new Error('HTML import is not available: src/lib/import/html.ts has no importHtmlPage function');
  htmlImporter = module.importHtmlPage as HtmlImporter;
  return htmlImporter;
}

/** Profiles from `--profile` files and folders; a bad profile stops the run before anything is written. */
function loadProfiles(paths: readonly string[]): SiteProfile[] {
  const profiles: SiteProfile[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    const full = resolve(cwd, path);
    if (!existsSync(full)) {
      problems.push(`${path}: no such profile file or folder`);
      continue;
    }
    const files = statSync(full).isDirectory() ? readdirSync(full).sort().filter((name) => /\.(?:ya?ml|json)$/i.test(name)).map((name) => join(full, name)) : [full];
    for (const file of files) {
      const parsed = parseSiteProfile(readFileSync(file, 'utf8'), shown(file));
      problems.push(...parsed.problems.map(formatProfileProblem));
      if (parsed.profile) profiles.push(parsed.profile);
    }
  }
  if (problems.length > 0) {
    for (const problem of problems) console.error(`error: ${problem}`);
    console.error(`import: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the site profiles; nothing was imported. Fix them (docs/editing.md, "Site profiles") and run again.`);
    process.exit(2);
  }
  return profiles;
}

const written = new Map<string, string>();
const createdDirs = new Set<string>();

type Emitted =
  | { outcome: 'written'; target: string; missing: string[]; review: string[] }
  | { outcome: 'exists'; target: string }
  | { outcome: 'failed' };

function emit(article: ImportedArticle, from: string, prepared = prepareFor(article)): Emitted {
  const target = join(root, prepared.path);
  if (prepared.problems.length > 0) {
    fail(`${from}: importer bug: the file it would write fails the content check:\n  ${prepared.problems.map(formatProblem).join('\n  ')}`);
    return { outcome: 'failed' };
  }
  const earlier = written.get(target);
  if (earlier !== undefined) {
    fail(`${from}: would write ${shown(target)}, which ${earlier} already produced in this run; the two inputs have the same id or the same title and date`);
    return { outcome: 'failed' };
  }
  written.set(target, from);
  if (!options.force && existsSync(target)) {
    skipped++;
    info(`skipped ${shown(target)}: it already exists (from ${from}); use --force to overwrite`);
    return { outcome: 'exists', target };
  }
  // Why it waits: the notes on the missing fields, which say what the page showed.
  const reasons = prepared.missing.map((field) => {
    const why = article.notes.find((note) => note.field === field)?.message;
    return `no ${field}${why === undefined ? '' : ` (${why})`}`;
  });
  if (prepared.missing.length > 0) {
    review++;
    console.warn(`warning: ${from}: no ${prepared.missing.join(' or ')} found; written to ${shown(target)} for an editor (not published until completed)`);
  }
  notes += prepared.noteCount;
  imported++;
  if (dryRun) {
    const head = prepared.text.split('\n').slice(0, 12).join('\n');
    info(`would write ${shown(target)}\n${head}\n…`);
    return { outcome: 'written', target, missing: prepared.missing, review: reasons };
  }
  const dir = join(target, '..');
  if (!createdDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    createdDirs.add(dir);
  }
  writeFileSync(target, prepared.text);
  if (prepared.noteCount > 0) info(`wrote ${shown(target)} (${prepared.noteCount} review note${prepared.noteCount === 1 ? '' : 's'})`);
  return { outcome: 'written', target, missing: prepared.missing, review: reasons };
}

function prepareFor(article: ImportedArticle) {
  const slug = article.slug ?? importSlug({ title: article.title, date: article.date });
  return prepareArticle(article, slug, timeZone);
}

const started = performance.now();
const profiles = loadProfiles(options.profile);
const files = inputs.flatMap(collect);
const utf8 = new TextDecoder('utf-8', { fatal: true });

for (const file of files) {
  const name = shown(file);
  const extension = extname(file).toLowerCase();
  try {
    const bytes = readFileSync(file);
    if (bytes.length === 0 || (extension !== '.html' && extension !== '.htm' && bytes.toString('utf8').trim() === '')) {
      throw new ImportError(name, 'the file is empty; nothing to import');
    }
    if (extension === '.html' || extension === '.htm') {
      const importHtmlPage = await loadHtmlImporter();
      const profile = profileForPage(profiles, { file: basename(file) });
      emit(importHtmlPage(new Uint8Array(bytes), name, profile === undefined ? {} : { profile }), name);
    } else {
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        throw new ImportError(name, 'the file is not UTF-8 text; convert it (for example iconv -f GB18030 -t UTF-8) and import it again');
      }
      if (extension === '.txt') {
        emit(parseTextCapture(text, name, timeZone), name);
      } else {
        const results = parseJsonl(text, name);
        const failed = results.filter((result) => result.error);
        if (failed.length > 1 && failed.length === results.length) {
          // A file none of whose lines is a record (an index, a log) is one mistake, not hundreds.
          throw new ImportError(name, `none of its ${results.length} lines is a news record (first: ${failed[0]?.error?.format()}); is this an article file?`);
        }
        for (const result of results) {
          if (result.error) reportError(result.error, name);
          else if (result.article) emit(result.article, `${name}:${result.line}`);
        }
      }
    }
  } catch (error) {
    reportError(error, name);
  }
}

// Saved sites: plan each, then write what the manifest does not already know.
const importDir = join(root, '_import');
const manifestPath = join(importDir, 'manifest.json');
let manifest: Manifest = emptyManifest();
let report: SiteReport | undefined;
if (sites.length > 0) {
  report = emptyReport(sites.map((site) => shown(site.folder)));
  if (existsSync(manifestPath)) {
    const parsedManifest = parseManifest(readFileSync(manifestPath, 'utf8'), shown(manifestPath));
    if (typeof parsedManifest === 'string') {
      fail(parsedManifest);
      process.exit(1);
    }
    manifest = parsedManifest;
  }
  const profileUse = new Map<SiteProfile, number>();
  for (const site of sites) {
    const folderName = basename(site.folder);
    const siteHost = looksLikeHost(folderName) ? folderName : undefined;
    const inside = (path: string) => relative(site.folder, path).split('\\').join('/');
    const pages: SavedPage[] = site.pages.map((path) => ({ file: inside(path), bytes: new Uint8Array(readFileSync(path)) }));
    const display = (file: string) => shown(join(site.folder, file));
    const plan = planSiteImport(pages, {
      ...(siteHost === undefined ? {} : { siteHost }),
      displayName: display,
      profileFor: (file, address, declaredUrl) => {
        const profile = profileForPage(profiles, { file, address, declaredUrl });
        if (profile) profileUse.set(profile, (profileUse.get(profile) ?? 0) + 1);
        return profile;
      },
    });
    const counts = report.counts;
    counts.pages += pages.length;
    for (const [extension, count] of Object.entries(site.notPages)) {
      report.notPages[extension] = (report.notPages[extension] ?? 0) + count;
      counts.notPages += count;
    }
    for (const skip of plan.skipped) {
      report.skipped.push({ file: display(skip.file), reason: skip.reason });
      info(`skipped ${display(skip.file)}: ${skip.reason}`);
    }
    for (const duplicate of plan.duplicates) {
      report.duplicates.push({ file: display(duplicate.file), sameAs: display(duplicate.sameAs), why: duplicate.why.replace(duplicate.sameAs, display(duplicate.sameAs)) });
      info(`duplicate ${display(duplicate.file)}: ${duplicate.why}`);
    }
    for (const merge of plan.merged) report.merged.push({ files: merge.files.map(display) });
    for (const error of plan.errors) {
      fail(error.message);
      report.errors.push(error.message);
    }
    skipped += plan.skipped.length + plan.duplicates.length;
    for (const { key, files: from, article } of plan.articles) {
      // Pages of a copy whose host is unknown are remembered under the copy's folder name.
      const manifestKey = siteHost === undefined && !/^[^/]+\.[^/]+\//.test(key) && key.startsWith('/') ? `${folderName}${key}` : key;
      const fromShown = from.map(display);
      const prepared = prepareFor(article);
      const verdict = compareWithManifest(manifest, manifestKey, prepared.text);
      const known = manifest.pages[manifestKey];
      if (verdict !== 'new' && !options.force) {
        const target = known!.target;
        report[verdict].push({ target, from: fromShown });
        if (verdict === 'changed') info(`not overwritten ${target}: ${fromShown[0]} reads differently from what was imported before; use --force to overwrite`);
        continue;
      }
      const outcome = emit(article, fromShown[0]!, prepared);
      if (outcome.outcome === 'exists') report.exists.push({ target: shown(outcome.target), from: fromShown });
      if (outcome.outcome !== 'written') continue;
      report.imported.push({ target: relative(root, outcome.target).split('\\').join('/'), from: fromShown, review: outcome.review });
      manifest.pages[manifestKey] = { target: relative(root, outcome.target).split('\\').join('/'), from: fromShown, digest: digestOf(prepared.text) };
    }
  }
  const counts = report.counts;
  counts.imported = report.imported.length;
  counts.review = report.imported.filter((entry) => entry.review.length > 0).length;
  counts.published = counts.imported - counts.review;
  counts.unchanged = report.unchanged.length;
  counts.changed = report.changed.length;
  counts.exists = report.exists.length;
  counts.skipped = report.skipped.length;
  counts.merged = report.merged.length;
  counts.duplicates = report.duplicates.length;
  counts.errors = report.errors.length;
  report.profiles = [...profileUse].map(([profile, pages]) => ({ file: profile.file, name: profile.name, pages }));
  const command = `npm run import -- ${process.argv.slice(2).join(' ')}`;
  const text = formatReport(report, command);
  if (!dryRun) {
    mkdirSync(importDir, { recursive: true });
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(importDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(importDir, 'report.txt'), text);
  }
  if (!options.quiet) console.log(text);
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const verb = dryRun ? 'would import' : 'imported';
const inputCount = files.length + sites.reduce((sum, site) => sum + site.pages.length, 0);
const siteLine = report === undefined ? '' : `; already imported ${report.counts.unchanged}, merged ${report.counts.merged}, duplicates ${report.counts.duplicates}; report in ${shown(join(importDir, 'report.txt'))}`;
console.log(
  `import: ${verb} ${imported}, skipped ${skipped}, review notes ${notes}${review > 0 ? ` (${review} in ${shown(join(root, 'articles', '_review'))})` : ''}, errors ${errors}${siteLine} — ${inputCount} input file${inputCount === 1 ? '' : 's'} in ${seconds} s`,
);
process.exitCode = errors > 0 ? 1 : 0;
