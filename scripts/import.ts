/**
 * `npm run import -- [options] <inputs…>`: turns news captures into article files.
 *
 * Inputs are `.txt` page captures, saved `.html`/`.htm` pages, `.jsonl` record files, or
 * folders of them (searched recursively). Every file written is checked with the same
 * check as the build; a file that fails it is an importer bug and is reported as an error
 * instead of being written. A bad input never stops the others: all problems are printed,
 * and the exit code is non-zero at the end if there were any.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../src/lib/content-check.ts';
import { contentRoot } from '../src/lib/content-root.ts';
import { ImportError } from '../src/lib/import/errors.ts';
import { parseJsonl } from '../src/lib/import/jsonl.ts';
import { importSlug } from '../src/lib/import/slug.ts';
import { prepareArticle } from '../src/lib/import/target.ts';
import { parseTextCapture } from '../src/lib/import/text-capture.ts';
import type { ImportedArticle } from '../src/lib/import/types.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = `usage: npm run import -- [--out ROOT] [--dry-run] [--force] [--quiet] <file or folder>…

  inputs     .txt page captures, .html/.htm saved pages, .jsonl record files, or folders of them
  --out      content root to write into (default: $ANNALS_CONTENT_DIR or content/);
             articles land in ROOT/articles/YYYY/MM/<slug>.mdx, incomplete ones in ROOT/articles/_review/
  --dry-run  print what would be written (path and first lines); write nothing
  --force    overwrite files that already exist (otherwise they are skipped)
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

/** Files to import, in a stable order; unknown extensions inside folders are skipped with a message. */
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
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (EXTENSIONS.has(extname(name).toLowerCase())) files.push(path);
      else {
        skipped++;
        info(`skipped ${shown(path)}: not a .txt, .html, .htm or .jsonl file`);
      }
    }
  };
  walk(full);
  return files;
}

type HtmlImporter = (bytes: Uint8Array, fileName: string) => ImportedArticle;
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

const written = new Map<string, string>();
const createdDirs = new Set<string>();

function emit(article: ImportedArticle, from: string): void {
  const slug = article.slug ?? importSlug({ title: article.title, date: article.date });
  const prepared = prepareArticle(article, slug, timeZone);
  const target = join(root, prepared.path);
  if (prepared.problems.length > 0) {
    fail(`${from}: importer bug: the file it would write fails the content check:\n  ${prepared.problems.map(formatProblem).join('\n  ')}`);
    return;
  }
  const earlier = written.get(target);
  if (earlier !== undefined) {
    fail(`${from}: would write ${shown(target)}, which ${earlier} already produced in this run; the two inputs have the same id or the same title and date`);
    return;
  }
  written.set(target, from);
  if (!options.force && existsSync(target)) {
    skipped++;
    info(`skipped ${shown(target)}: it already exists (from ${from}); use --force to overwrite`);
    return;
  }
  if (prepared.missing.length > 0) {
    review++;
    console.warn(`warning: ${from}: no ${prepared.missing.join(' or ')} found; written to ${shown(target)} for an editor (not published until completed)`);
  }
  notes += prepared.noteCount;
  imported++;
  if (dryRun) {
    const head = prepared.text.split('\n').slice(0, 12).join('\n');
    info(`would write ${shown(target)}\n${head}\n…`);
    return;
  }
  const dir = join(target, '..');
  if (!createdDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    createdDirs.add(dir);
  }
  writeFileSync(target, prepared.text);
  if (prepared.noteCount > 0) info(`wrote ${shown(target)} (${prepared.noteCount} review note${prepared.noteCount === 1 ? '' : 's'})`);
}

const started = performance.now();
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
      emit(importHtmlPage(new Uint8Array(bytes), name), name);
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

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const verb = dryRun ? 'would import' : 'imported';
console.log(
  `import: ${verb} ${imported}, skipped ${skipped}, review notes ${notes}${review > 0 ? ` (${review} in ${shown(join(root, 'articles', '_review'))})` : ''}, errors ${errors} — ${files.length} input file${files.length === 1 ? '' : 's'} in ${seconds} s`,
);
process.exitCode = errors > 0 ? 1 : 0;
