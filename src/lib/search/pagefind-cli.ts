/**
 * Runs Pagefind's command-line indexer over a folder of documents (Node only).
 *
 * Why not the Node API for the built site: on xwlb's newest index part (8,127 documents,
 * same input, same session) `createIndex` + `addHTMLFile` + `writeFiles` took 14.3 + 38.7 s,
 * and the command line over the same documents written to disk took 30.5 s, reading pages
 * on both cores. The fragments come out the same (same names, which hash their content);
 * the index chunks do not, as pages are numbered in another order. Two runs over the same
 * folder wrote identical files, which the Node API, fed several pages at once, does not
 * promise.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { join } from 'node:path';

export class PagefindCliError extends Error {
  override name = 'PagefindCliError';
}

/**
 * The binary Pagefind's own Node API would start: `PAGEFIND_EXTENDED_BINARY_PATH` or
 * `PAGEFIND_BINARY_PATH` when set, else the platform package's `pagefind_extended`, else
 * its `pagefind`.
 */
export function pagefindBinary(env: NodeJS.ProcessEnv = process.env): string {
  const names = ['pagefind_extended', 'pagefind'];
  for (const name of names) {
    const fromEnv = env[`${name.toUpperCase()}_BINARY_PATH`];
    if (fromEnv) return fromEnv;
  }
  // Resolved from the `pagefind` package, whose optional dependency the platform package is.
  const require = createRequire(import.meta.resolve('pagefind'));
  const os = platform() === 'win32' ? 'windows' : platform();
  const tried: string[] = [];
  for (const name of names) {
    const file = `@pagefind/${os}-${arch()}/bin/${name}${os === 'windows' ? '.exe' : ''}`;
    tried.push(file);
    try {
      return require.resolve(file);
    } catch {
      // the next name
    }
  }
  throw new PagefindCliError(`no Pagefind binary for ${os}-${arch()} (looked for ${tried.join(' and ')}); reinstall with \`npm install\`, or set PAGEFIND_BINARY_PATH to a Pagefind 1.6 binary`);
}

export interface CliIndexResult {
  /** Pages indexed, by language, from the written `pagefind-entry.json`. */
  pagesByLanguage: Record<string, number>;
}

/**
 * Indexes every HTML file under `siteDir` into `outputDir`. Runs in `workDir` with no
 * `PAGEFIND_*` variables, so neither a `pagefind.yml` nor the caller's environment can
 * change what is indexed. Rejects with the tool's own output when it fails.
 */
export async function runPagefindCli(siteDir: string, outputDir: string, workDir: string): Promise<CliIndexResult> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^PAGEFIND_/i.test(name)));
  const binary = pagefindBinary();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(binary, ['--site', siteDir, '--output-path', outputDir], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    child.on('error', (error) => reject(new PagefindCliError(`could not start Pagefind (${binary}): ${error.message}`, { cause: error })));
    child.on('close', resolve);
  });
  const log = output.join('').trim();
  const entryFile = join(outputDir, 'pagefind-entry.json');
  if (code !== 0 || !existsSync(entryFile)) {
    const tail = log.split('\n').slice(-20).join('\n');
    throw new PagefindCliError(`Pagefind exited with ${code === null ? 'a signal' : `code ${code}`} while indexing ${siteDir}${tail ? `:\n${tail}` : ''}`);
  }
  const entry = JSON.parse(readFileSync(entryFile, 'utf8')) as { languages?: Record<string, { page_count?: number }> };
  return { pagesByLanguage: Object.fromEntries(Object.entries(entry.languages ?? {}).map(([language, { page_count }]) => [language, page_count ?? 0])) };
}
