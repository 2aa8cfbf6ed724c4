/**
 * `npm run cms [-- --port 4323] [--root DIR] [--commit]`: the web editor on this machine.
 *
 * Serves Decap CMS (from node_modules/decap-cms/dist) at /admin/ with its configuration
 * generated from the article schema (src/lib/cms-config.ts), and answers its proxy protocol
 * at /api/v1 with the local backend (src/lib/cms-backend.ts), which writes only what an
 * editor changed and refuses what the build would refuse. Nothing is loaded from the
 * internet: the page's Content-Security-Policy allows this server alone.
 *
 * The editor is not part of the site's build: `npm run build` output never contains it,
 * so the site's strict CSP is untouched. GitHub mode is set up once by an administrator
 * (docs/editing.md, `npm run cms:config -- --github owner/repo`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { CmsBackend } from '../src/lib/cms-backend.ts';
import { cmsConfig } from '../src/lib/cms-config.ts';
import { contentRoot } from '../src/lib/content-root.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = `usage: npm run cms -- [--port 4323] [--host 127.0.0.1] [--root CONTENT_ROOT] [--commit]

  --root    content root to edit (default: $ANNALS_CONTENT_DIR or content/)
  --commit  commit every save with git, with the editor's commit message`;

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string', default: '4323' },
      host: { type: 'string', default: '127.0.0.1' },
      root: { type: 'string' },
      commit: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  console.error(`cms: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const adminDir = join(projectDir, 'src', 'cms');
const decapDir = join(projectDir, 'node_modules', 'decap-cms', 'dist');
if (!existsSync(join(decapDir, 'decap-cms.js'))) {
  console.error('cms: node_modules/decap-cms/dist/decap-cms.js is missing; run npm install');
  process.exit(1);
}
const root = values.root === undefined ? contentRoot() : resolve(values.root);
const port = Number(values.port);
const log = values.quiet ? undefined : (line: string) => console.log(`cms: ${line}`);
const backend = new CmsBackend({ root, timeZone: siteConfig.timeZone, commit: values.commit, ...(log ? { log } : {}) });
const config = stringify(cmsConfig({ backend: { name: 'proxy', proxy_url: '/api/v1', branch: 'main' } }), { lineWidth: 0 });

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * This server and nothing else. Decap needs inline styles (emotion), `eval` for its form
 * validation (ajv compiles schemas) and WebAssembly; blob: and data: are the photos it shows.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function send(response: ServerResponse, status: number, body: string | Buffer, type: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer((request, response) => {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  void (async () => {
    if (request.method === 'POST' && path === '/api/v1') {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(request));
      } catch {
        send(response, 400, JSON.stringify({ error: 'the request is not JSON' }), 'application/json');
        return;
      }
      const answer = await backend.handle(body);
      send(response, answer.status, JSON.stringify(answer.json), 'application/json; charset=utf-8');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'method not allowed', 'text/plain');
      return;
    }
    if (path === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    if (path === '/' || path === '/admin') {
      response.writeHead(302, { location: '/admin/' });
      response.end();
      return;
    }
    if (path === '/admin/') return send(response, 200, readFileSync(join(adminDir, 'index.html')), TYPES['.html'] ?? '');
    if (path === '/admin/config.yml') return send(response, 200, config, TYPES['.yml'] ?? '');
    const name = path.startsWith('/admin/') ? path.slice('/admin/'.length) : '';
    // Decap's chunks and WebAssembly load from beside decap-cms.js; only plain file names.
    if (/^[\w.-]+$/.test(name)) {
      const file = [join(adminDir, name), join(decapDir, name)].find((candidate) => name !== 'index.html' && existsSync(candidate));
      if (file && !file.endsWith('.map')) return send(response, 200, readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
    }
    send(response, 404, 'not found', 'text/plain');
  })().catch((error: unknown) => {
    console.error(`cms: ${request.method} ${path}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    if (!response.headersSent) send(response, 500, 'internal error', 'text/plain');
  });
});

server.listen(port, values.host, () => {
  const shown = relative(process.cwd(), root) || '.';
  console.log(`cms: editing ${shown.startsWith('..') ? root : shown} — open http://${values.host}:${port}/admin/${values.commit ? ' (every save is committed with git)' : ''}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
