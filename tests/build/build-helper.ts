/**
 * Runs a real `astro build` of the project against another content root into a temporary
 * output directory, as CI would, and returns its exit code and combined output.
 *
 * Builds of one project share `.astro/` (generated types, prerender chunks), so test files
 * running in parallel take turns through a lock folder. Each build may get its own content
 * cache (`ANNALS_CACHE_DIR`, Astro's `cacheDir`), so cold and warm builds can be compared.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const projectRoot = join(import.meta.dirname, '..', '..');
const LOCK = join(projectRoot, '.annals-tmp', 'build.lock');

export interface BuildResult {
  status: number | null;
  output: string;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function withBuildLock<T>(run: () => T): T {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = 0;
      try {
        owner = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
      } catch {
        // Being created or removed right now.
      }
      if (owner > 0 && !alive(owner)) rmSync(LOCK, { recursive: true, force: true });
      else sleep(250);
    }
  }
  try {
    return run();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function buildSite(options: { contentDir: string; outDir: string; env?: Record<string, string>; args?: string[] }): BuildResult {
  return withBuildLock(() => {
    const build = spawnSync(join(projectRoot, 'node_modules', '.bin', 'astro'), ['build', '--outDir', options.outDir, ...(options.args ?? [])], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, ANNALS_CONTENT_DIR: options.contentDir, NO_COLOR: '1', ...options.env },
      timeout: 300_000,
    });
    return { status: build.status, output: `${build.stdout}\n${build.stderr}` };
  });
}

/** A fresh temporary folder; `dir` (its `dist` child) does not exist until a build writes it. */
export function tempOutDir(prefix: string): { parent: string; dir: string; remove(): void } {
  const parent = mkdtempSync(join(tmpdir(), prefix));
  return { parent, dir: join(parent, 'dist'), remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Every file under `dir` (relative path, forward slashes as the OS gives) with the SHA-256 of its bytes. */
export function treeDigest(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else found.set(relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

/** Files whose bytes differ between two trees, or that only one has. */
export function differingFiles(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((file) => a.get(file) !== b.get(file)).sort();
}
