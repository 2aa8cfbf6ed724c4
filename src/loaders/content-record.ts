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

export interface ContentRecord {
  /** The content root, absolute. */
  root: string;
  /** The working directory the checked files' paths are relative to. */
  cwd: string;
  /** Every article file that passed the content check, drafts included. */
  articles: CheckedArticle[];
  /** The collection's entries after loading (cached or not), with their draft flag. */
  entries: { id: string; draft: boolean }[];
}

const KEY = Symbol.for('annals.content-record');

type Registry = { [KEY]?: ContentRecord };

export function recordContent(record: ContentRecord): void {
  (globalThis as Registry)[KEY] = record;
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
