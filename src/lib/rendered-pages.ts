/**
 * Pages as `astro build` renders them, for work that need not wait for the last page: the
 * search index's parts are indexed while the rest of the site renders (`early-parts.ts`).
 *
 * Astro keeps one prerenderer per build (the last `setPrerenderer` wins), and restoring by
 * link already wraps it (`src/integrations/restore-links.ts`), so that wrapper announces
 * each page here and other integrations listen, rather than wrapping it again.
 */

/** `file` is the page's output path under the build folder (`articles/slug/index.html`). */
export type RenderedPageListener = (file: string, html: string) => void;

const listeners = new Set<RenderedPageListener>();

/** Listens until the returned function is called. */
export function onRenderedPage(listener: RenderedPageListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Whether anyone listens: the prerenderer reads a page's body twice only then. */
export function renderedPagesWanted(): boolean {
  return listeners.size > 0;
}

export function announceRenderedPage(file: string, html: string): void {
  for (const listener of listeners) listener(file, html);
}
