/**
 * `node scripts/serve.ts [dir] [--port 4321]`: serves a built site until stopped.
 */
import { resolve } from 'node:path';
import { serveStatic } from './lib/static-server.ts';

const args = process.argv.slice(2);
const portFlag = args.indexOf('--port');
const port = portFlag >= 0 ? Number(args[portFlag + 1]) : 4321;
const dir = resolve(args.find((arg, index) => !arg.startsWith('--') && index !== portFlag + 1) ?? 'dist');
await serveStatic(dir, port);
console.log(`serving ${dir} at http://127.0.0.1:${port}/`);
