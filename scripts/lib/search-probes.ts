/**
 * The search benchmark's measurements in one browser page: our search page opened with a
 * query, a later query submitted on it, the header box on an article page, and plain
 * Pagefind run by hand in a page, each timed on the page's own clock (so Playwright's round
 * trips and polling are not in the figures) and with the bytes it transferred.
 *
 * Our pages' contract (see src/lib/search/page.ts): `#search-results` on the search page,
 * and `#search-panel-results` under the header box, carry `aria-busy="false"` and
 * `data-query` = the query once its results or empty state are shown. The search page may
 * also mark `annals:results-shown` and `annals:results-complete` (`performance.mark`, with
 * `detail.query` and `detail.surface` 'page'); without them, shown and complete are both the
 * moment the box stops being busy.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { bytesByKind, logTransfers, totalBytes, type TransferLog } from './transfer-log.ts';

/** How long the header box may take to show its results box before the figure is NaN. */
export const HEADER_BOX_TIMEOUT_MS = 10_000;
/** After a search is done, for the last responses' events and sizes to come in. */
const SETTLE_MS = 100;

export interface Probe {
  page: Page;
  log: TransferLog;
  origin: string;
}

/** Slowed: CPU 4× slower and Chrome DevTools' "fast 4G" network (9 Mbit/s, 40 ms). */
export type Speed = 'full' | 'slowed';

/** Opens (or takes) the context's page, with its transfers logged, its results watched and, when slowed, throttled. */
export async function openProbe(context: BrowserContext, origin: string, speed: Speed): Promise<Probe> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (speed === 'slowed') {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 9e6 / 8, uploadThroughput: 9e6 / 8 });
  }
  await page.addInitScript(watchResults);
  return { page, log: logTransfers(page, cdp), origin };
}

interface Watched {
  /** By `<box id> <query>`: performance.now() when the box first stopped being busy with that query. */
  done: Record<string, number>;
  /** performance.now() when the header box got focus. */
  focusedAt?: number;
}
type WatchedWindow = Window & { annalsBench?: Watched };

/**
 * Runs in every document before its own scripts: notes when a results box stops being busy,
 * whatever put it there (the page's first search, a submitted one, the header box's panel).
 */
function watchResults(): void {
  const watched: Watched = { done: {} };
  (window as WatchedWindow).annalsBench = watched;
  new MutationObserver(() => {
    for (const id of ['search-results', 'search-panel-results']) {
      const box = document.getElementById(id);
      const query = box?.dataset['query'];
      if (box && query !== undefined && box.getAttribute('aria-busy') === 'false') watched.done[`${id} ${query}`] ??= performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy', 'data-query'] });
}

export interface SearchRun {
  /** The top results' paths and the number of results (for accuracy). */
  urls: string[];
  total: number;
  /** ms from the clock's start to results shown, and to the search complete. */
  shownMs: number;
  completeMs: number;
  shownBytes: number;
  completeBytes: number;
  /** Bytes by kind of file up to results shown. */
  shownKinds: Record<string, number>;
  /** Whether the page marked shown and complete itself (ours only; plain Pagefind's done is one moment). */
  marked: { shown: boolean; complete: boolean };
}

const settle = () => new Promise((done) => setTimeout(done, SETTLE_MS));

async function figures(probe: Probe, timeOrigin: number, from: number, shownMs: number, completeMs: number) {
  await settle();
  const shown = await probe.log.between(timeOrigin + from, timeOrigin + shownMs);
  const complete = await probe.log.between(timeOrigin + from, timeOrigin + completeMs);
  return { shownMs: shownMs - from, completeMs: completeMs - from, shownBytes: totalBytes(shown), completeBytes: totalBytes(complete), shownKinds: bytesByKind(shown) };
}

/** Our search page opened with `?q=`: clocked from navigation start, as a reader following a link waits. */
export async function oursOpened(probe: Probe, query: string, timeoutMs: number): Promise<SearchRun> {
  const { page } = probe;
  const key = `search-results ${query}`;
  await page.goto(`${probe.origin}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction((watchedKey) => (window as WatchedWindow).annalsBench?.done[watchedKey] !== undefined, key, { timeout: timeoutMs, polling: 50 });
  const seen = await page.evaluate(
    ({ q, watchedKey }) => {
      // The header box's panel marks the same names with `surface: 'panel'`.
      const marked = (name: string) =>
        performance.getEntriesByName(name).find((entry) => {
          const detail = (entry as PerformanceMark).detail as { query?: string; surface?: string } | null;
          return detail?.query === q && (detail.surface ?? 'page') === 'page';
        })?.startTime;
      const box = document.getElementById('search-results') as HTMLElement;
      return {
        timeOrigin: performance.timeOrigin,
        observed: (window as WatchedWindow).annalsBench?.done[watchedKey] ?? NaN,
        shown: marked('annals:results-shown'),
        complete: marked('annals:results-complete'),
        urls: [...box.querySelectorAll<HTMLAnchorElement>('a.search-hit-title')].map((a) => new URL(a.href).pathname),
        total: Number(box.dataset['total'] ?? 0),
      };
    },
    { q: query, watchedKey: key },
  );
  const completeMs = seen.complete ?? seen.observed;
  const shownMs = seen.shown ?? completeMs;
  return {
    urls: seen.urls,
    total: seen.total,
    marked: { shown: seen.shown !== undefined, complete: seen.complete !== undefined },
    ...(await figures(probe, seen.timeOrigin, 0, shownMs, completeMs)),
  };
}

/** A query submitted in the box of a search page already open: clocked from the submit to the box not busy. */
export async function oursSubmitted(probe: Probe, query: string): Promise<SearchRun> {
  const seen = await probe.page.evaluate(async (q) => {
    const box = document.getElementById('search-results') as HTMLElement;
    const input = document.getElementById('site-search') as HTMLInputElement;
    const started = performance.now();
    const done = new Promise<number>((resolveDone) => {
      const observer = new MutationObserver(() => {
        if (box.getAttribute('aria-busy') === 'false' && box.dataset['query'] === q) {
          observer.disconnect();
          resolveDone(performance.now());
        }
      });
      observer.observe(box, { attributes: true });
    });
    input.value = q;
    input.form?.requestSubmit();
    const finished = await done;
    return {
      timeOrigin: performance.timeOrigin,
      started,
      finished,
      urls: [...box.querySelectorAll<HTMLAnchorElement>('a.search-hit-title')].map((a) => new URL(a.href).pathname),
      total: Number(box.dataset['total'] ?? 0),
    };
  }, query);
  return { urls: seen.urls, total: seen.total, marked: { shown: false, complete: false }, ...(await figures(probe, seen.timeOrigin, seen.started, seen.finished, seen.finished)) };
}

/** Timed, or why not: `panelMissing` when no `#search-panel-results` appeared at all. */
export type HeaderBoxRun = { ms: number; bytes: number } | { problem: string; panelMissing: boolean };

/**
 * The header box of an article page, once the page has loaded: clocked from the box's focus
 * (Playwright's `fill` focuses it, then types) to `#search-panel-results` not busy with the query.
 */
export async function oursHeaderBox(probe: Probe, articlePath: string, query: string): Promise<HeaderBoxRun> {
  const { page } = probe;
  const key = `search-panel-results ${query}`;
  await page.goto(`${probe.origin}${articlePath}`, { waitUntil: 'load' });
  await page.evaluate(() => {
    document.getElementById('site-search')?.addEventListener(
      'focus',
      () => {
        const watched = (window as WatchedWindow).annalsBench;
        if (watched) watched.focusedAt = performance.now();
      },
      { once: true },
    );
  });
  await page.locator('#site-search').fill(query);
  try {
    await page.waitForFunction((watchedKey) => (window as WatchedWindow).annalsBench?.done[watchedKey] !== undefined, key, { timeout: HEADER_BOX_TIMEOUT_MS, polling: 50 });
  } catch {
    const panelMissing = await page.evaluate(() => document.getElementById('search-panel-results') === null);
    const seconds = HEADER_BOX_TIMEOUT_MS / 1000;
    return { panelMissing, problem: panelMissing ? `no #search-panel-results appeared within ${seconds} s` : `#search-panel-results was not done with the query within ${seconds} s` };
  }
  const seen = await page.evaluate((watchedKey) => {
    const watched = (window as WatchedWindow).annalsBench;
    return { timeOrigin: performance.timeOrigin, focusedAt: watched?.focusedAt ?? NaN, done: watched?.done[watchedKey] ?? NaN };
  }, key);
  const run = await figures(probe, seen.timeOrigin, seen.focusedAt, seen.done, seen.done);
  return { ms: run.completeMs, bytes: run.completeBytes };
}

/** How plain Pagefind is run: on a page it opens (clocked from navigation start or once loaded), or on the page already open. */
export type BaselineMode = 'opened' | 'loaded' | 'same page';

/** Plain Pagefind as a page would use it: import, options, search, and the top ten results' data. */
export async function baselineSearch(probe: Probe, query: string, mode: BaselineMode): Promise<SearchRun> {
  if (mode !== 'same page') await probe.page.goto(`${probe.origin}/404.html`);
  const seen = await probe.page.evaluate(async (q) => {
    const started = performance.now();
    const pagefind = await import('/pagefind-baseline/pagefind.js' as string);
    await pagefind.options({ baseUrl: '/' });
    const search = await pagefind.search(q);
    const top = await Promise.all(search.results.slice(0, 10).map((result: { data(): Promise<{ url: string }> }) => result.data()));
    return { timeOrigin: performance.timeOrigin, started, finished: performance.now(), urls: top.map((data: { url: string }) => data.url), total: search.results.length as number };
  }, query);
  const from = mode === 'opened' ? 0 : seen.started;
  return { urls: seen.urls, total: seen.total, marked: { shown: true, complete: true }, ...(await figures(probe, seen.timeOrigin, from, seen.finished, seen.finished)) };
}
