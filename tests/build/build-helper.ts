/**
 * Runs a real `astro build` of the project against another content root into a temporary
 * output directory, as CI would, and returns its exit code and combined output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const projectRoot = join(import.meta.dirname, '..', '..');

export interface BuildResult {
  status: number | null;
  output: string;
}

export function buildSite(options: { contentDir: string; outDir: string; env?: Record<string, string> }): BuildResult {
  const build = spawnSync(join(projectRoot, 'node_modules', '.bin', 'astro'), ['build', '--outDir', options.outDir], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, ANNALS_CONTENT_DIR: options.contentDir, NO_COLOR: '1', ...options.env },
    timeout: 240_000,
  });
  return { status: build.status, output: `${build.stdout}\n${build.stderr}` };
}

/** A fresh temporary folder; `dir` (its `dist` child) does not exist until a build writes it. */
export function tempOutDir(prefix: string): { dir: string; remove(): void } {
  const parent = mkdtempSync(join(tmpdir(), prefix));
  return { dir: join(parent, 'dist'), remove: () => rmSync(parent, { recursive: true, force: true }) };
}
