/**
 * Serves a built site to the search benchmark the way a static host does: text gzipped
 * (Pagefind's own files are compressed already), `cache-control: no-cache` with an ETag, so
 * a browser with the files cached revalidates each one and gets a 304 instead of the bytes
 * again (Netlify and Cloudflare Pages answer so; without a validator "cached" would mean
 * nothing).
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { resolveRequestPath } from './static-server.ts';

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.txt', '.svg', '.xml']);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

export interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveForBench(root: string, port: number): Promise<BenchServer> {
  const gzipped = new Map<string, Buffer<ArrayBufferLike>>();
  const server = createServer((request, response) => {
    const file = resolveRequestPath(root, request.url ?? '/');
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    const type = extname(file);
    const stat = statSync(file);
    const gzip = COMPRESSIBLE.has(type) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const etag = `"${stat.size.toString(36)}-${Math.round(stat.mtimeMs).toString(36)}${gzip ? '-gz' : ''}"`;
    const headers: Record<string, string> = { 'content-type': TYPES[type] ?? 'application/octet-stream', 'cache-control': 'no-cache', etag, vary: 'accept-encoding' };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers).end();
      return;
    }
    let body: Buffer<ArrayBufferLike> = readFileSync(file);
    if (gzip) {
      body = gzipped.get(file) ?? gzipSync(body);
      gzipped.set(file, body);
      headers['content-encoding'] = 'gzip';
    }
    response.writeHead(200, headers).end(body);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
