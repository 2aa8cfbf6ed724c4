/**
 * Every response a page receives, with its size on the wire and the moment its last byte
 * arrived, so the search benchmark can count what a reader had downloaded by the time
 * results were shown, and by the time the search was complete, from one page load.
 *
 * Two sources, because neither is right alone: Playwright's `requestfinished` sees every
 * request, a dedicated worker's too (plain Pagefind runs in one), which the page's own CDP
 * session misses; but Playwright's finish time is its `timing().startTime` (when the network
 * stack started the request) plus a `responseEnd` counted from when the page announced it,
 * late by the time between the two (10–40 ms seen for stylesheets and scripts). The CDP session's
 * `loadingFinished` has the browser's own timestamp, so a request it saw takes its time
 * from there (paired by URL, in order); a worker's keeps Playwright's.
 */
import type { CDPSession, Page, Request } from 'playwright-core';

export interface Transfer {
  url: string;
  kind: string;
  /** Response headers and body as transferred (compressed when served so; a 304 is its headers). */
  bytes: number;
  /** Epoch milliseconds when the response's last byte arrived. */
  finishedAt: number;
}

/** What a transferred file is, for the breakdown by kind: the page, its styles and scripts, Pagefind's runtime or its index files. */
export function transferKind(request: Request): string {
  const path = new URL(request.url()).pathname;
  if (/\.pf_meta$/.test(path)) return 'metadata';
  if (/\.pf_filter$/.test(path)) return 'filters';
  if (/\.pf_index$/.test(path)) return 'index chunks';
  if (/\.pf_fragment$/.test(path)) return 'fragments';
  if (/\/pagefind[^/]*\/(pagefind[^/]*\.js|wasm\.[^/]+|pagefind-entry\.json)$/.test(path)) return 'Pagefind runtime';
  if (/\/pagefind[^/]*\//.test(path)) return 'our index files';
  if (request.resourceType() === 'document') return 'page';
  if (request.resourceType() === 'stylesheet') return 'styles';
  if (request.resourceType() === 'script') return 'site scripts';
  return 'other';
}

export interface TransferLog {
  /** The transfers whose last byte arrived in [from, to] (epoch ms), once every size has been read. */
  between(from: number, to: number): Promise<Transfer[]>;
}

/** Logs `page`'s transfers; `cdp` is a session on the page with the Network domain enabled by the caller. */
export function logTransfers(page: Page, cdp: CDPSession): TransferLog {
  // In the order Playwright reported them, which is the order the browser finished them.
  const transfers: Transfer[] = [];
  const pending = new Set<Promise<void>>();
  page.on('requestfinished', (request) => {
    const { startTime, responseEnd } = request.timing();
    const transfer: Transfer = { url: request.url(), kind: transferKind(request), bytes: 0, finishedAt: responseEnd >= 0 ? startTime + responseEnd : Date.now() };
    transfers.push(transfer);
    const reading = request.sizes().then(
      (sizes) => {
        transfer.bytes = sizes.responseBodySize + sizes.responseHeadersSize;
      },
      () => {}, // the page closed first: nothing left to count
    );
    pending.add(reading);
    void reading.finally(() => pending.delete(reading));
  });
  // CDP timestamps are monotonic seconds; requestWillBeSent also gives the wall time of the same instant.
  const announced = new Map<string, { url: string; offset: number }>();
  const finishedByUrl = new Map<string, number[]>();
  cdp.on('Network.requestWillBeSent', (event) => {
    announced.set(event.requestId, { url: event.request.url, offset: event.wallTime - event.timestamp });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const request = announced.get(event.requestId);
    if (!request) return;
    announced.delete(event.requestId);
    const times = finishedByUrl.get(request.url) ?? [];
    times.push((event.timestamp + request.offset) * 1000);
    finishedByUrl.set(request.url, times);
  });
  return {
    async between(from, to) {
      await Promise.all(pending);
      const used = new Map<string, number>();
      return transfers
        .map((transfer) => {
          const index = used.get(transfer.url) ?? 0;
          const exact = finishedByUrl.get(transfer.url)?.[index];
          if (exact === undefined) return transfer;
          used.set(transfer.url, index + 1);
          return { ...transfer, finishedAt: exact };
        })
        .filter((transfer) => transfer.finishedAt >= from && transfer.finishedAt <= to);
    },
  };
}

export const totalBytes = (transfers: readonly Transfer[]) => transfers.reduce((sum, transfer) => sum + transfer.bytes, 0);

export function bytesByKind(transfers: readonly Transfer[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const transfer of transfers) kinds[transfer.kind] = (kinds[transfer.kind] ?? 0) + transfer.bytes;
  return kinds;
}
