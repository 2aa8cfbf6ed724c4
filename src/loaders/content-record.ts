/**
 * What the articles loader saw in this build, handed to the output check
 * (`src/integrations/verify-output.ts`) after the site is written; and whether the loader
 * watches the content root (`astro dev`), for the pages and data that work differently there.
 *
 * The loader runs inside Vite's module runner and the integration in Astro's own module
 * graph: two copies of every module, one process. A registry on `globalThis` under a
 * `Symbol.for` key is the one thing both see.
 */
import type { CheckedArticle } from '../lib/content-check.ts';

/**
 * What the record keeps of a checked article: not its body, nor its frontmatter as written,
 * and its text samples copied out of the body. Why: the record lives through the whole build,
 * and a sample is a slice of the body, which keeps the whole body alive; 20,000 generated
 * seed-length articles held 405 MB of heap as checked, 42 MB as recorded (about 1.8 GB less
 * at 100,000 articles, beside Pagefind's parts).
 */
export interface RecordedArticle extends Pick<CheckedArticle, 'file' | 'entry' | 'slug' | 'slugLine' | 'data' | 'digest' | 'textSample'> {
  /** Characters of the title and body as written: what the search parts are planned from (`publishedPerYear`). */
  textLength: number;
}

/** A flat copy of `text`: a slice of a long string keeps the whole of it alive, a copy does not. */
const detached = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

export function recordedArticle(article: CheckedArticle): RecordedArticle {
  return {
    file: article.file,
    entry: article.entry,
    slug: article.slug,
    ...(article.slugLine === undefined ? {} : { slugLine: article.slugLine }),
    data: article.data,
    digest: article.digest,
    textSample: article.textSample.map(detached),
    textLength: article.data.title.length + article.body.length,
  };
}

export interface ContentRecord {
  /** The content root, absolute. */
  root: string;
  /** The working directory the checked files' paths are relative to. */
  cwd: string;
  /** Every article file that passed the content check, drafts included. */
  articles: RecordedArticle[];
  /**
   * `astro dev` only: the same articles as checked, the objects the check keeps for unchanged
   * files (its pages take their frontmatter from them: `src/lib/dev-entries.ts`). A build does
   * not keep them: they hold every body.
   */
  checked?: readonly CheckedArticle[] | undefined;
  /** The collection's entries after loading (cached or not), with their draft flag. */
  entries: { id: string; draft: boolean }[];
}

const KEY = Symbol.for('annals.content-record');

type Registry = { [KEY]?: ContentRecord };

/**
 * Records a load's checked articles, and tells the listeners (`onContentRecorded`). Each is
 * made a `RecordedArticle` when `articles` is first read, not on every load: the dev server
 * loads again on each saved change and reads `checked` instead (xwlb: 60–85 ms for 19,876 articles).
 */
export function recordContent(record: Omit<ContentRecord, 'articles' | 'checked'> & { articles: CheckedArticle[] }): void {
  let checked: CheckedArticle[] | undefined = record.articles;
  let recorded: RecordedArticle[] | undefined;
  const watched = contentWatched();
  (globalThis as Registry)[KEY] = {
    root: record.root,
    cwd: record.cwd,
    entries: record.entries,
    ...(watched ? { checked: record.articles } : {}),
    get articles() {
      recorded ??= (checked ?? []).map(recordedArticle);
      if (!watched) checked = undefined;
      return recorded;
    },
  };
  const listeners = (globalThis as Listeners)[LISTENERS];
  if (listeners?.size) {
    setTimeout(() => {
      for (const listener of listeners.values()) listener();
    }, 0);
  }
}

const LISTENERS = Symbol.for('annals.content-record-listeners');

type Listeners = { [LISTENERS]?: Map<string, () => void> };

/**
 * Calls `listener` after each new record, in a task of its own (after the loader's). A
 * listener registered again under the same name replaces the one before: a module evaluated
 * again by Vite registers its own.
 */
export function onContentRecorded(name: string, listener: () => void): void {
  const registry = globalThis as Listeners;
  (registry[LISTENERS] ??= new Map()).set(name, listener);
}

export function recordedContent(): ContentRecord | undefined {
  return (globalThis as Registry)[KEY];
}

const WATCHED = Symbol.for('annals.content-watched');

/**
 * The loader watches the content root: `astro dev`, where pages are rendered again after
 * every saved change and no cache key is needed. Not `import.meta.env.DEV`, which is also
 * true for a build run with NODE_ENV=test (as the build tests run it).
 */
export function markContentWatched(): void {
  (globalThis as { [WATCHED]?: boolean })[WATCHED] = true;
}

export function contentWatched(): boolean {
  return (globalThis as { [WATCHED]?: boolean })[WATCHED] === true;
}
