/**
 * The web editor's local backend: Decap CMS's proxy protocol (`backend: proxy`, the one
 * `decap-server` speaks: one POST of `{ action, params }` per call) over a content root,
 * with the site's own rules where decap-server would write what the CMS sends:
 *
 * - a save writes only what the editor changed into the file on disk (cms-entry.ts), so an
 *   unchanged save leaves the file byte for byte and YAML keeps its order and quoting;
 * - the result is checked with the build's check (content-check.ts) and refused, with the
 *   file, line, field and fix, when the build would refuse it; the file is then untouched;
 * - a new article goes to `articles/YYYY/MM/` by its date in the site's time zone (Decap
 *   counts months in UTC), and an existing one stays where it is when its date changes: the
 *   permalink never depended on the folder;
 * - the review queue (`articles/_review/`) may lack a date or source; ticking its publish
 *   box checks the article fully and moves it, with its photos, into its month;
 * - nothing is deleted: removing an article is a decision for git, not a button.
 *
 * Paths in the protocol are the repository's (`content/articles/…`, the same config serves
 * GitHub mode); here `content/` stands for the content root, wherever it is.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { mergeCmsSave, toCmsText, CmsSaveError } from './cms-entry.ts';
import { ASSET_EXTENSIONS, checkArticleText, checkContentRoot, ContentCheckCache, formatProblem, isIgnoredName, type ContentProblem } from './content-check.ts';
import { parsePublishedDate, yearMonth } from './dates.ts';
import { parseArticleFile } from './frontmatter.ts';
import { REVIEW_FOLDER } from './import/target.ts';
import { permalinkKey, slugFromFileName } from './permalinks.ts';

/**
 * The note the importer leaves on an article it put in the queue (src/lib/import/target.ts):
 * it says what publishing resolves, so it goes when the article is published.
 */
const QUEUE_NOTE = /\{\/\* 待审核 REVIEW: [^\n]*this file sits in articles\/_review\/[^\n]*\*\/\}\n(?:\n(?=.))?/;

/** The protocol's name for the content root in paths. */
const ROOT_PREFIX = 'content';

export interface CmsBackendOptions {
  /** The content root (`content/` or ANNALS_CONTENT_DIR). */
  root: string;
  timeZone: string;
  /** Commit each save with git (the content root must be in a git work tree). */
  commit?: boolean;
  log?: (line: string) => void;
}

export interface CmsResponse {
  status: number;
  json: unknown;
}

interface DataFile {
  path: string;
  raw: string;
  slug?: string;
  newPath?: string;
}

interface Asset {
  path: string;
  content: string;
  encoding: string;
}

/** A refusal the editor sees: Decap shows `error` in its notice. */
class Refusal extends Error {}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const toPosix = (path: string) => path.split(sep).join('/');
const pad2 = (n: number) => String(n).padStart(2, '0');
// ignoreBOM keeps a byte-order mark in the text, so a file that had one keeps it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class CmsBackend {
  readonly #root: string;
  readonly #options: CmsBackendOptions;
  /** Where the CMS thinks a file is → where it is (a new article filed by the site's month, an article that kept its folder). */
  readonly #aliases = new Map<string, string>();
  readonly #cache = new ContentCheckCache();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: CmsBackendOptions) {
    this.#options = options;
    this.#root = resolve(options.root);
  }

  /** Answers one protocol call. Writes run one at a time. */
  handle(body: unknown): Promise<CmsResponse> {
    const run = this.#queue.then(() => this.#handle(body));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #handle(body: unknown): Promise<CmsResponse> {
    const { action, params = {} } = (body ?? {}) as { action?: string; params?: Record<string, unknown> };
    try {
      return { status: 200, json: this.#dispatch(action ?? '', params) };
    } catch (error) {
      if (error instanceof Refusal || error instanceof CmsSaveError) {
        this.#options.log?.(`refused ${action}: ${error.message}`);
        return { status: 422, json: { error: error.message } };
      }
      this.#options.log?.(`failed ${action}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return { status: 500, json: { error: `the local editor failed: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }

  #dispatch(action: string, params: Record<string, unknown>): unknown {
    switch (action) {
      case 'info':
        return { repo: 'annals', publish_modes: ['simple'], type: 'local_fs' };
      case 'entriesByFolder':
        return this.#entriesByFolder(String(params['folder']), String(params['extension'] ?? 'mdx'), Number(params['depth'] ?? 1));
      case 'entriesByFiles':
        return ((params['files'] ?? []) as { path: string; label?: string }[]).map((file) => this.#entry(file.path, file.label));
      case 'getEntry':
        return this.#entry(String(params['path']));
      case 'persistEntry':
        return this.#persistEntry(params);
      case 'getMedia':
        return this.#media(String(params['mediaFolder'] ?? ''));
      case 'getMediaFile':
        return this.#mediaFile(String(params['path']));
      case 'persistMedia': {
        const asset = params['asset'] as Asset;
        this.#writeAsset(asset);
        return this.#mediaFile(asset.path);
      }
      case 'deleteFile':
      case 'deleteFiles':
        throw new Refusal('删除不在编辑器里做 · the editor does not delete files: remove an article with git (git rm), or set draft: true to keep it off the site');
      case 'getDeployPreview':
        return null;
      default:
        throw new Refusal(`unknown action ${action}; the local editor speaks Decap CMS's proxy protocol in simple publish mode`);
    }
  }

  /** The file a protocol path names; never outside the content root. */
  #file(cmsPath: string): string {
    const aliased = this.#aliases.get(cmsPath) ?? cmsPath;
    const parts = aliased.split('/');
    if (parts[0] !== ROOT_PREFIX || parts.some((part) => part === '..' || part === '')) {
      throw new Refusal(`${cmsPath}: not a path under ${ROOT_PREFIX}/; the editor only reads and writes the content root`);
    }
    return join(this.#root, ...parts.slice(1).filter((part) => part !== '.'));
  }

  #cmsPath(file: string): string {
    return `${ROOT_PREFIX}/${toPosix(relative(this.#root, file))}`;
  }

  /** What messages call a file: its path from the working directory, as the lint prints it. */
  #shown(file: string): string {
    const near = toPosix(relative(process.cwd(), file));
    return near.startsWith('..') ? file : near;
  }

  #entry(cmsPath: string, label?: string) {
    const file = this.#file(cmsPath);
    if (!existsSync(file)) return { data: null, file: { path: cmsPath, ...(label ? { label } : {}), id: null } };
    const bytes = readFileSync(file);
    return { data: toCmsText(bytes.toString('utf8'), file), file: { path: cmsPath, ...(label ? { label } : {}), id: sha256(bytes) } };
  }

  #entriesByFolder(folder: string, extension: string, depth: number) {
    const dir = this.#file(folder);
    const files: string[] = [];
    const walk = (current: string, level: number) => {
      if (level > depth || !existsSync(current)) return;
      for (const name of readdirSync(current).sort()) {
        // Ignored names are not content (content-check.ts); the review queue is its own collection.
        if (isIgnoredName(name)) continue;
        const full = join(current, name);
        if (statSync(full).isDirectory()) walk(full, level + 1);
        else if (name.endsWith(`.${extension}`)) files.push(full);
      }
    };
    walk(dir, 1);
    return files.map((file) => this.#entry(this.#cmsPath(file)));
  }

  #media(folder: string) {
    const dir = this.#file(folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => !isIgnoredName(name) && ASSET_EXTENSIONS.has((/\.[^.]+$/.exec(name)?.[0] ?? '').toLowerCase()))
      .sort()
      .map((name) => this.#mediaFile(`${folder.replace(/\/$/, '')}/${name}`));
  }

  #mediaFile(cmsPath: string) {
    const file = this.#file(cmsPath);
    if (!existsSync(file)) throw new Refusal(`${cmsPath}: no such photo`);
    const bytes = readFileSync(file);
    return { id: sha256(bytes), content: bytes.toString('base64'), encoding: 'base64', path: cmsPath, name: cmsPath.split('/').pop() };
  }

  #writeAsset(asset: Asset): string {
    const file = this.#file(asset.path);
    const extension = (/\.[^./]+$/.exec(file)?.[0] ?? '').toLowerCase();
    if (!ASSET_EXTENSIONS.has(extension)) throw new Refusal(`${asset.path}: only photos (${[...ASSET_EXTENSIONS].join(' ')}) can be uploaded`);
    if (asset.encoding !== 'base64') throw new Refusal(`${asset.path}: unsupported encoding ${asset.encoding}`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(asset.content, 'base64'));
    return file;
  }

  #isReview(file: string): boolean {
    return relative(join(this.#root, 'articles', REVIEW_FOLDER), file).split(sep)[0] !== '..';
  }

  /** `articles/YYYY/MM/<name>` for a date, in the site's time zone. */
  #monthFile(date: unknown, name: string): string | undefined {
    if (typeof date !== 'string') return undefined;
    const parsed = parsePublishedDate(date, this.#options.timeZone);
    if (!parsed.ok) return undefined;
    const { year, month } = yearMonth(parsed.value, this.#options.timeZone);
    return join(this.#root, 'articles', String(year), pad2(month), name);
  }

  #persistEntry(params: Record<string, unknown>) {
    const dataFiles = (params['dataFiles'] ?? [params['entry']]) as DataFile[];
    const assets = (params['assets'] ?? []) as Asset[];
    const options = (params['options'] ?? {}) as { commitMessage?: string };
    const dataFile = dataFiles[0];
    if (!dataFile || dataFiles.length !== 1) throw new Refusal('the editor sent no article (or several at once) to save');

    let file = this.#file(dataFile.path);
    const exists = existsSync(file);
    const original = exists ? utf8.decode(readFileSync(file)) : undefined;
    const saved = mergeCmsSave(original, this.#shown(file), dataFile.raw);
    const review = this.#isReview(file);
    const data = parseArticleFile(saved.text).data ?? {};
    const name = `${typeof data['slug'] === 'string' ? data['slug'] : slugFromFileName(file)}.mdx`;

    // Where the file goes: a new article into its month; a published review article out of the queue.
    let target = file;
    if (!exists && !review) target = this.#monthFile(data['date'], name) ?? file;
    if (review && saved.publish) {
      target = this.#monthFile(data['date'], name) ?? file;
      // A date that is there but wrong is named by the check below, with its fix.
      if (target === file && data['date'] === undefined) throw new Refusal(`${this.#shown(file)}: date: 发布前请补全发布时间 · add the date (2017-10-17T09:41+08:00 or 2017-10-17) before publishing`);
      if (existsSync(target)) throw new Refusal(`${this.#shown(target)} already exists; give this article another slug: before publishing it`);
    }

    const written: string[] = [];
    const createdAssets: string[] = [];
    const uploaded = new Set<string>();
    for (const asset of assets) {
      const assetFile = this.#file(asset.path);
      if (!existsSync(assetFile)) createdAssets.push(assetFile);
      written.push(this.#writeAsset(asset));
      uploaded.add(assetFile);
    }
    const refuse = (problems: ContentProblem[]) => {
      for (const created of createdAssets) rmSync(created, { force: true });
      const errors = problems.filter((problem) => problem.severity === 'error');
      return new Refusal(`没有保存 · not saved, the build would refuse it:\n${errors.map(formatProblem).join('\n')}`);
    };

    // The photos an article names move with it: out of the queue when it is published; into
    // its month when it is new, but then only those uploaded with it (the folder Decap chose
    // may hold another article's photo of the same name).
    const photoMoves: [string, string][] = [];
    if (target !== file) {
      for (const figure of (data['figures'] ?? []) as { image?: unknown }[]) {
        if (typeof figure.image !== 'string') continue;
        const from = join(dirname(file), figure.image);
        const to = join(dirname(target), figure.image);
        if (relative(dirname(file), from).startsWith('..') || (!exists && !uploaded.has(from))) continue;
        if (existsSync(from) && !existsSync(to)) photoMoves.push([from, to]);
      }
    }

    if (saved.changed.length === 0 && target === file && assets.length === 0) {
      this.#options.log?.(`unchanged ${this.#shown(file)}`);
      return { message: 'entry unchanged' };
    }

    if (review && saved.publish) saved.text = saved.text.replace(QUEUE_NOTE, '');
    const check = checkArticleText(saved.text, this.#shown(target), { dir: photoMoves.length > 0 ? dirname(file) : dirname(target) });
    const problems = check.problems.filter((problem) => {
      if (problem.severity !== 'error') return false;
      // The queue holds articles waiting for a date or source: their absence is why they are there.
      return !(review && !saved.publish && (problem.field === 'date' || problem.field === 'source') && /missing/.test(problem.message));
    });
    if (problems.length > 0) throw refuse(problems);
    // A permalink can only start clashing when it is new, published or changed.
    if ((!exists && !review) || saved.publish || saved.changed.includes('slug')) {
      const clash = this.#permalinkClash(check.article?.slug ?? slugFromFileName(target), file);
      if (clash) throw refuse([{ file: this.#shown(target), field: 'slug', message: `permalink /articles/${check.article?.slug}/ is already taken by ${clash}; give this article a different slug:`, severity: 'error' }]);
    }

    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, saved.text);
    written.push(target);
    for (const [from, to] of photoMoves) {
      mkdirSync(dirname(to), { recursive: true });
      renameSync(from, to);
      written.push(from, to);
      this.#aliases.set(this.#cmsPath(from), this.#cmsPath(to));
    }
    if (target !== file) {
      if (exists) {
        rmSync(file);
        written.push(file);
      }
      // The month folder Decap chose for a new article, left empty by its photos' move.
      if (!exists && existsSync(dirname(file)) && readdirSync(dirname(file)).length === 0) rmSync(dirname(file), { recursive: true });
      this.#aliases.set(dataFile.path, this.#cmsPath(target));
    }
    if (dataFile.newPath) {
      // Decap moves an article when its date changes month; the site keeps it where it is.
      this.#aliases.set(dataFile.newPath, this.#cmsPath(target));
    }
    file = target;
    this.#options.log?.(`${exists ? (saved.publish ? 'published' : 'saved') : 'created'} ${this.#shown(file)}${saved.changed.length > 0 && exists ? ` (${saved.changed.join(', ')})` : ''}`);
    if (this.#options.commit) this.#commit(written, options.commitMessage ?? `Edit ${this.#shown(file)}`);
    return { message: 'entry persisted' };
  }

  /** The other file that already has this permalink, if any. */
  #permalinkClash(slug: string, self: string): string | undefined {
    const { articles } = checkContentRoot(this.#root, process.cwd(), { cache: this.#cache });
    const key = permalinkKey(slug);
    const selfShown = this.#shown(self);
    return articles.find((article) => permalinkKey(article.slug) === key && article.file !== selfShown && resolve(article.file) !== self)?.file;
  }

  #commit(written: string[], message: string): void {
    const cwd = this.#root;
    try {
      // A photo uploaded into the folder Decap chose and moved on was never in git: leave it out.
      const tracked = new Set(execFileSync('git', ['ls-files', '--full-name', '-z', '--', ...written], { cwd, encoding: 'utf8' }).split('\0').filter(Boolean));
      const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' }).trim();
      const paths = written.filter((path) => existsSync(path) || tracked.has(toPosix(relative(top, path))));
      execFileSync('git', ['add', '--all', '--', ...paths], { cwd, stdio: 'pipe' });
      execFileSync('git', ['commit', '--quiet', '-m', message, '--', ...paths], { cwd, stdio: 'pipe' });
      this.#options.log?.(`committed: ${message}`);
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Refusal(`saved, but git could not commit (${stderr || String(error)}); commit the file by hand`);
    }
  }
}
