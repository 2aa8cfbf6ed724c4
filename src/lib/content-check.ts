/**
 * Reads every file under a content root's `articles/` folder and validates it the way the
 * build does: strict frontmatter, the article schema, the MDX policy (no code, no raw HTML,
 * no dangerous URLs: src/lib/mdx-policy.ts), permalinks, figure placement, image files.
 *
 * The content collection's loader and `npm run lint:content` both call `checkContentRoot`,
 * so an editor sees the same problems, all at once, wherever they look. The loader hands
 * in what an earlier build learnt of files that passed without a word (`KeptCheck`): such a
 * file is not parsed again while its text is the same, which was most of a rebuild's
 * content load (5.6 s of 19,876 articles). A file with a photo is always checked again, as
 * the photo may have changed beside it.
 *
 * `astro dev` checks the whole root again on every saved change (a saved file may end a
 * permalink clash with another one), so it also passes a `ContentCheckCache`: a file whose
 * stat and whose photos' stats are those of its last check is not read or checked again,
 * and only the whole-archive checks (permalinks, stray files) run over all of them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import { articleSchema, type Article } from '../schemas/article.ts';
import { parseArticleFile } from './frontmatter.ts';
import { checkImageFile } from './image-check.ts';
import { analyseMdxBody } from './mdx-policy.ts';
import { isValidSlug, permalinkKey, slugFromFileName, suggestSlug } from './permalinks.ts';

/** This module, for the identity of the checking code that kept results are valid under (`kept-checks.ts`). */
export const CONTENT_CHECK_MODULE_URL = import.meta.url;

export type Severity = 'error' | 'warning';

export interface ContentProblem {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  line?: number;
  field?: string;
  message: string;
  severity: Severity;
}

export interface CheckedArticle {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  /** Path relative to `articles/`, as the collection's glob loader sees it. */
  entry: string;
  slug: string;
  /** Line of the `slug:` field, when the slug is written rather than taken from the file name. */
  slugLine?: number;
  data: Article;
  /** Text the published page must contain (see `analyseMdxBody`); checked after the build. */
  textSample: string[];
  /** The frontmatter as written (YAML 1.2 core data), for the collection's own schema pass. */
  raw: Record<string, unknown>;
  /** The body after the frontmatter, as written. */
  body: string;
  /** Hash of the whole file: an unchanged file keeps its cached store entry. */
  digest: string;
}

/**
 * What a later check needs to know of an article file that passed with no problem and no
 * photo: valid for as long as the file's text has this digest (and the checking code is
 * the same, which the keeper of these results ensures: `src/loaders/articles.ts`).
 */
export interface KeptCheck {
  digest: string;
  slug: string;
  slugLine?: number;
  data: Article;
  textSample: string[];
}

export interface ContentCheckOptions {
  /** Earlier results by file (as `CheckedArticle.file`): a file whose digest matches is not parsed again. */
  kept?: ReadonlyMap<string, KeptCheck>;
  /** The dev server's checks of single files, kept between calls in one process. */
  cache?: ContentCheckCache;
}

export interface ContentCheckResult {
  articles: CheckedArticle[];
  problems: ContentProblem[];
  /** This check's results that a later one may reuse (`ContentCheckOptions.kept`). */
  keep: Map<string, KeptCheck>;
}

/** The digest an article keeps of its file's text: an unchanged file keeps its cached store entry and its check. */
export function articleDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** An article from a kept check of the same text; its frontmatter as written and its body are parsed only if asked for. */
function keptArticle(kept: KeptCheck, file: string, entry: string, text: string): CheckedArticle {
  let parsed: ReturnType<typeof parseArticleFile> | undefined;
  const parse = () => (parsed ??= parseArticleFile(text));
  return {
    file,
    entry,
    slug: kept.slug,
    ...(kept.slugLine === undefined ? {} : { slugLine: kept.slugLine }),
    data: kept.data,
    textSample: kept.textSample,
    digest: kept.digest,
    get raw() {
      return parse().data ?? {};
    },
    get body() {
      return parse().body;
    },
  };
}

/** Files the collection reads. */
export const ARTICLE_EXTENSION = '.mdx';
/** Files that may sit beside articles without being articles: their photos. */
export const ASSET_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.avif', '.gif', '.svg']);

/** Folders of a content root that hold content; any other file in the root is reported, as the site would never read it. */
export const CONTENT_FOLDERS = new Set(['articles']);

/** Documented ignore rule: files and folders whose name starts with `_` or `.` are not content. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('_') || name.startsWith('.');
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * What a file's stat says about its content: two stats with the same stamp are the same
 * file, unchanged. The change time and inode are in it because editors, `git checkout` and
 * `rsync -t` can set the modification time back, but not those.
 */
export function statStamp(stats: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`;
}

/** Every file under `dir` (ignored names left out), sorted, with its stamp taken before anything reads it. */
function listFiles(dir: string, stamps?: Map<string, string>): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      if (isIgnoredName(name)) continue;
      const full = join(current, name);
      const stats = statSync(full);
      if (stats.isDirectory()) walk(full);
      else {
        found.push(full);
        stamps?.set(full, statStamp(stats));
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

/** One file's check as the cache keeps it: what it found, and the stamps it depends on. */
interface CachedFileCheck {
  /** The file's own stamp first, then the stamp of each photo its figures name (`missing` when there is none). */
  dependencies: [path: string, stamp: string][];
  /** False when a dependency cannot be stamped by the walk: then the check is never reused. */
  reusable: boolean;
  article: CheckedArticle | undefined;
  problems: ContentProblem[];
  /** What a later build may reuse of this check (`KeptCheck`), when anything. */
  keep?: KeptCheck;
}

/**
 * The checks of single files, kept between calls to `checkContentRoot` in one process (the
 * dev server's): a file is checked again when its stamp or the stamp of a photo it names
 * has changed since, else its last result stands. Stamps come from the walk over the root,
 * taken before any file is read, so a file saved while it is being checked shows a new
 * stamp on the next call and is checked again.
 */
export class ContentCheckCache {
  readonly #checks = new Map<string, CachedFileCheck>();
  /** Files read and checked by the last call, for logs and tests. */
  checkedFiles = 0;
  /** Files whose last check stood in the last call. */
  reusedFiles = 0;

  /** The cached check under `key` when every stamp it depends on is as it was, else undefined. */
  lookup(key: string, stamps: ReadonlyMap<string, string>): CachedFileCheck | undefined {
    const cached = this.#checks.get(key);
    if (!cached?.reusable) return undefined;
    for (const [path, stamp] of cached.dependencies) if ((stamps.get(path) ?? 'missing') !== stamp) return undefined;
    return cached;
  }

  store(key: string, check: CachedFileCheck): void {
    this.#checks.set(key, check);
  }

  /** Forgets the files not seen in the last walk, so a deleted file's check is not kept. */
  keepOnly(keys: ReadonlySet<string>): void {
    for (const key of this.#checks.keys()) if (!keys.has(key)) this.#checks.delete(key);
  }
}

const FIGURE_TAG = /<Figure\s+id=(?:"([^"]*)"|'([^']*)')\s*\/>/g;

/**
 * Ids of the figures the body places with `<Figure id="…" />`, with the body line of each.
 * Read from the MDX tree, so a tag inside a code block is not a placement; when the body is
 * not valid MDX (already an error) a pattern match stands in, to spare the editor a second
 * round of "never placed" messages.
 */
export function figurePlacements(body: string): { id: string; line: number }[] {
  const analysis = analyseMdxBody(body);
  if (analysis.tree) return analysis.figures;
  const placements: { id: string; line: number }[] = [];
  for (const match of body.matchAll(FIGURE_TAG)) {
    const line = body.slice(0, match.index).split('\n').length;
    placements.push({ id: match[1] ?? match[2] ?? '', line });
  }
  return placements;
}

/** C0 controls other than tab and line breaks, DEL and the non-characters: not allowed in XML 1.0, meaningless in HTML. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;

/** Every frontmatter string that holds a control character, with its path. */
function controlCharacters(data: unknown, path: (string | number)[] = []): { path: (string | number)[]; character: string }[] {
  if (typeof data === 'string') {
    const character = CONTROL_CHARACTER.exec(data)?.[0];
    return character === undefined ? [] : [{ path, character }];
  }
  if (Array.isArray(data)) return data.flatMap((item, index) => controlCharacters(item, [...path, index]));
  if (data !== null && typeof data === 'object') return Object.entries(data).flatMap(([key, value]) => controlCharacters(value, [...path, key]));
  return [];
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Checks one article file's text. `file` is only used in messages; `dir` resolves figure images. */
export function checkArticleText(
  text: string,
  file: string,
  options: { dir?: string } = {},
): { article?: Omit<CheckedArticle, 'entry'>; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const report = (message: string, line?: number, field?: string, severity: Severity = 'error') =>
    problems.push({ file, message, severity, ...(line === undefined ? {} : { line }), ...(field === undefined ? {} : { field }) });

  const parsed = parseArticleFile(text);
  for (const problem of parsed.problems) report(problem.message, problem.line, problem.field);
  // The body is checked whatever the frontmatter says, so every problem shows at once.
  const frontmatterClosed = parsed.bodyLine > 1;
  const analysis = frontmatterClosed ? analyseMdxBody(parsed.body) : undefined;
  for (const problem of analysis?.problems ?? []) report(problem.message, parsed.bodyLine + problem.line - 1, 'body');
  if (!parsed.data) return { problems };

  const result = articleSchema.safeParse(parsed.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
      const field = path.join('.') || undefined;
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.join(', ');
        message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}; check the spelling against docs/editing.md or remove ${issue.keys.length > 1 ? 'them' : 'it'}`;
        for (const key of issue.keys) report(message, parsed.lineOf([...path, key]), [...path, key].join('.'));
        continue;
      }
      if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && path.length > 0 && valueAt(parsed.data, path) === undefined) {
        const name = path.at(-1);
        message = `${field ?? 'field'} is missing; add ${/^[aeiou]/.test(String(name)) ? 'an' : 'a'} ${String(name)}: line to the frontmatter`;
      }
      report(message, parsed.lineOf(path) ?? 2, field);
    }
    return { problems };
  }

  const data = result.data;
  for (const { path, character } of controlCharacters(parsed.data)) {
    report(
      `contains the invisible control character U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}, which HTML and feeds cannot carry; delete it (retype the text if you cannot see it)`,
      parsed.lineOf(path),
      path.join('.'),
    );
  }
  if (data.source.url !== undefined && !/^https?:\/\//i.test(data.source.url)) {
    report('source.url must be a web address starting with http:// or https://; fix it or remove url:', parsed.lineOf(['source', 'url']), 'source.url');
  } else if (data.source.url !== undefined && /["<>\\^`{|}\s]/.test(data.source.url)) {
    const character = /["<>\\^`{|}\s]/.exec(data.source.url)?.[0] ?? '';
    report(`source.url contains ${JSON.stringify(character)}, which is not allowed in a web address; write it percent-encoded (${encodeURIComponent(character)}) as the browser's address bar shows it`, parsed.lineOf(['source', 'url']), 'source.url');
  }
  const slug = data.slug ?? slugFromFileName(file);
  if (data.slug === undefined && !isValidSlug(slug)) {
    report(
      `the file name "${slug}" cannot be a permalink (lower-case ASCII letters, digits and hyphens only); rename the file or add slug: ${suggestSlug(slug)}`,
      2,
      'slug',
    );
  }

  const figureIds = new Map<string, number>();
  data.figures.forEach((figure, index) => {
    if (figureIds.has(figure.id)) {
      report(`figure id "${figure.id}" is used twice; give each figure its own id`, parsed.lineOf(['figures', index, 'id']), `figures.${index}.id`);
    }
    figureIds.set(figure.id, index);
    if (figure.image === undefined || options.dir === undefined) return;
    const imageLine = parsed.lineOf(['figures', index, 'image']);
    const imagePath = join(options.dir, figure.image);
    if (!existsSync(imagePath) || !statSync(imagePath).isFile()) {
      report(
        `image file ${figure.image} does not exist next to the article; add the file, fix the path, or remove image: to keep the caption alone`,
        imageLine,
        `figures.${index}.image`,
      );
      return;
    }
    const extension = /\.[^./\\]+$/.exec(figure.image)?.[0] ?? '';
    for (const message of checkImageFile(imagePath, extension)) report(`${figure.image}: ${message}`, imageLine, `figures.${index}.image`);
  });
  const placed = new Set<string>();
  const placements = analysis?.tree ? analysis.figures : figurePlacements(parsed.body);
  for (const placement of placements) {
    const line = parsed.bodyLine + placement.line - 1;
    if (!figureIds.has(placement.id)) {
      report(`<Figure id="${placement.id}" /> names no figure in the frontmatter; add it under figures: or fix the id`, line, 'figures');
    } else if (placed.has(placement.id)) {
      report(`figure "${placement.id}" is placed twice; remove one <Figure id="${placement.id}" />`, line, 'figures');
    }
    placed.add(placement.id);
  }
  for (const [id, index] of figureIds) {
    if (!placed.has(id)) {
      report(`figure "${id}" is never placed, so readers would not see it; add <Figure id="${id}" /> where it stands in the body`, parsed.lineOf(['figures', index]), `figures.${index}`);
    }
  }
  const slugLine = data.slug === undefined ? undefined : parsed.lineOf(['slug']);
  const digest = articleDigest(text);
  return { article: { file, slug, data, raw: parsed.data, body: parsed.body, digest, textSample: analysis?.textSample ?? [], ...(slugLine === undefined ? {} : { slugLine }) }, problems };
}

/**
 * Checks every file under `<root>/articles/`. Paths in the result are relative to `cwd`.
 * With `options.cache`, files unchanged since its last call are not read again (see
 * `ContentCheckCache`); with `options.kept`, files whose text is that of a kept check are
 * not parsed again; the result is the same either way.
 */
export function checkContentRoot(root: string, cwd: string = process.cwd(), options: ContentCheckOptions = {}): ContentCheckResult {
  const { cache } = options;
  const articlesDir = join(root, 'articles');
  const problems: ContentProblem[] = [];
  const articles: CheckedArticle[] = [];
  const keep = new Map<string, KeptCheck>();
  if (!existsSync(articlesDir)) {
    problems.push({ file: toPosix(relative(cwd, articlesDir)) || articlesDir, message: 'the articles folder does not exist; create it or point ANNALS_CONTENT_DIR at a content root that has one', severity: 'error' });
    return { articles, problems, keep };
  }
  const outside = readdirSync(root).sort().filter((name) => !isIgnoredName(name) && !CONTENT_FOLDERS.has(name)).map((name) => join(root, name));
  for (const full of outside.flatMap((path) => (statSync(path).isDirectory() ? listFiles(path) : [path]))) {
    problems.push({
      file: toPosix(relative(cwd, full)),
      message: `this file is outside the content root's ${[...CONTENT_FOLDERS].join('/, ')}/ folder, so the site would never publish it; move articles to articles/YYYY/MM/, or start the name with _ if it is a note`,
      severity: 'error',
    });
  }
  const stamps = new Map<string, string>();
  const files = listFiles(articlesDir, stamps);
  if (cache) {
    cache.checkedFiles = 0;
    cache.reusedFiles = 0;
    cache.keepOnly(new Set(files.map((full) => `${cwd}\0${full}`)));
  }
  for (const full of files) {
    const key = `${cwd}\0${full}`;
    // A file whose check stands is not looked at again: after a saved article in `astro
    // dev`, that is every file but the saved one.
    const cached = full.endsWith(ARTICLE_EXTENSION) ? cache?.lookup(key, stamps) : undefined;
    if (cached && cache) {
      cache.reusedFiles++;
      problems.push(...cached.problems);
      if (cached.article) articles.push(cached.article);
      if (cached.article && cached.keep) keep.set(cached.article.file, cached.keep);
      continue;
    }
    const file = toPosix(relative(cwd, full));
    const entry = toPosix(relative(articlesDir, full));
    const extension = (/\.[^./]+$/.exec(full)?.[0] ?? '');
    if (extension !== ARTICLE_EXTENSION) {
      if (ASSET_EXTENSIONS.has(extension.toLowerCase())) continue;
      const hint = extension.toLowerCase() === ARTICLE_EXTENSION
        ? `rename it to end in lower-case ${ARTICLE_EXTENSION}`
        : `articles must end in ${ARTICLE_EXTENSION}; rename it, or start its name with _ if it is not an article`;
      problems.push({ file, message: `this file would be skipped by the site: ${hint}`, severity: 'error' });
      continue;
    }
    const checked = checkArticleFile(full, file, entry, articlesDir, stamps, options.kept);
    if (cache) {
      cache.checkedFiles++;
      cache.store(key, checked);
    }
    problems.push(...checked.problems);
    if (checked.article) articles.push(checked.article);
    if (checked.keep) keep.set(file, checked.keep);
  }

  const byKey = new Map<string, CheckedArticle>();
  for (const article of articles) {
    const key = permalinkKey(article.slug);
    const other = byKey.get(key);
    if (other) {
      problems.push({
        file: article.file,
        ...(article.slugLine === undefined ? {} : { line: article.slugLine }),
        field: 'slug',
        message: `permalink /articles/${article.slug}/ is already taken by ${other.file}${article.slug === other.slug ? '' : ' (the two differ only in case, Unicode form, full-width characters or spaces, which make the same address)'}; give one of the two articles a different slug: (or rename its file)`,
        severity: 'error',
      });
    } else {
      byKey.set(key, article);
    }
  }
  return { articles, problems, keep };
}

/**
 * Reads and checks one article file (or takes its kept check, when its text is the same);
 * the dependencies are its stamp and its photos' from the walk.
 */
function checkArticleFile(full: string, file: string, entry: string, articlesDir: string, stamps: ReadonlyMap<string, string>, kept: ReadonlyMap<string, KeptCheck> | undefined): CachedFileCheck {
  const dependencies: [string, string][] = [[full, stamps.get(full) ?? 'missing']];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(full));
  } catch {
    return { dependencies, reusable: true, article: undefined, problems: [{ file, line: 1, message: 'the file is not UTF-8 text (it may be saved as GBK/GB18030); save it again as UTF-8', severity: 'error' }] };
  }
  const previous = kept?.get(file);
  if (previous && previous.digest === articleDigest(text)) return { dependencies, reusable: true, article: keptArticle(previous, file, entry, text), problems: [], keep: previous };
  const dir = join(full, '..');
  const checked = checkArticleText(text, file, { dir });
  // The photos it names, as the walk found them before the check read them. A photo where
  // the walk does not look (an ignored _folder, ../) has no stamp to compare, so such an
  // article is checked again every time.
  let reusable = true;
  for (const figure of checked.article?.data.figures ?? []) {
    if (figure.image === undefined) continue;
    const imagePath = join(dir, figure.image);
    const fromArticles = relative(articlesDir, imagePath);
    if (fromArticles.startsWith('..') || fromArticles.split(sep).some(isIgnoredName)) reusable = false;
    dependencies.push([imagePath, stamps.get(imagePath) ?? 'missing']);
  }
  const article = checked.article;
  // Only a file that passed without a word and names no photo is kept for the next build.
  const keep: KeptCheck | undefined =
    article && checked.problems.length === 0 && article.data.figures.every((figure) => figure.image === undefined)
      ? { digest: article.digest, slug: article.slug, ...(article.slugLine === undefined ? {} : { slugLine: article.slugLine }), data: article.data, textSample: article.textSample }
      : undefined;
  return { dependencies, reusable, article: article ? { ...article, entry } : undefined, problems: checked.problems, ...(keep ? { keep } : {}) };
}

/** `file:line: field: message`, the format every tool prints. */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const field = problem.field ? `${problem.field}: ` : '';
  const tag = problem.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${tag}${field}${problem.message}`;
}
