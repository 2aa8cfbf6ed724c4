/**
 * Running `astro build` for a benchmark: in an isolated copy of the site, with phase times
 * taken from when Astro's log lines arrive and the peak memory of the whole process tree.
 *
 * Isolation: the copy has the project's config, lockfile, src and public, and a node_modules folder
 * that links each package, so Astro's `.astro/`, content-layer cache and Vite cache are the
 * copy's own: builds others run in the project tree neither disturb nor are disturbed by it.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Copies the site (not its content) into `dir`, linking node_modules package by package. */
export function isolatedSite(project: string, dir: string): string {
  for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public']) {
    cpSync(join(project, entry), join(dir, entry), { recursive: true });
  }
  // The lockfile too, as a real project has one: Astro's incremental cache and the kept
  // content checks (src/lib/kept-checks.ts) are keyed by it, and the checks are not kept without one.
  if (existsSync(join(project, 'package-lock.json'))) cpSync(join(project, 'package-lock.json'), join(dir, 'package-lock.json'));
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const name of readdirSync(join(project, 'node_modules'))) {
    if (!name.startsWith('.')) symlinkSync(join(project, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

/** Removes Astro's and Vite's caches of a site copy, so its next build is cold. */
export function clearCaches(site: string): void {
  for (const cache of ['.astro', 'node_modules/.astro', 'node_modules/.vite']) rmSync(join(site, cache), { recursive: true, force: true });
}

/** Resident memory of a process and its descendants, in bytes (shared pages count once per process). */
export function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1];
      rss.set(Number(name), Number(kb ?? 0) * 1024);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    total += rss.get(pid) ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface PhaseFigures {
  name: string;
  ms: number;
  peakBytes: number;
}

export interface TimedRun {
  exitCode: number | null;
  wallMs: number;
  peakBytes: number;
  phases: PhaseFigures[];
  log: string;
}

/**
 * A phase starts when a log line matches its pattern and lasts until the next phase starts
 * (or the process ends). Patterns are tried in order, each once.
 */
export interface PhaseMarker {
  name: string;
  starts: RegExp;
}

/** Runs a command, polling the process tree's memory every 100 ms and splitting the run into phases by its output. */
export async function timedRun(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; phases: PhaseMarker[]; first: string }): Promise<TimedRun> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const phases: PhaseFigures[] = [{ name: options.first, ms: 0, peakBytes: 0 }];
  let phaseStart = started;
  let next = 0;
  let peak = 0;
  let log = '';
  const current = () => phases[phases.length - 1] as PhaseFigures;
  const onText = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    log += text;
    for (const line of text.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
      const marker = options.phases[next];
      if (marker && marker.starts.test(line)) {
        const now = performance.now();
        current().ms = now - phaseStart;
        phaseStart = now;
        phases.push({ name: marker.name, ms: 0, peakBytes: 0 });
        next++;
      }
    }
  };
  child.stdout.on('data', onText);
  child.stderr.on('data', onText);
  const poll = setInterval(() => {
    const bytes = child.pid ? treeRss(child.pid) : 0;
    peak = Math.max(peak, bytes);
    current().peakBytes = Math.max(current().peakBytes, bytes);
  }, 100);
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(poll);
  const ended = performance.now();
  current().ms = ended - phaseStart;
  return { exitCode, wallMs: ended - started, peakBytes: peak, phases, log };
}

/** Total size and number of files under a directory. */
export function treeSize(dir: string): { bytes: number; files: number } {
  if (!existsSync(dir)) return { bytes: 0, files: 0 };
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(join(dir, name));
    if (stat.isFile()) {
      bytes += stat.size;
      files++;
    }
  }
  return { bytes, files };
}

export const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
export const seconds = (ms: number) => (ms / 1000).toFixed(1);
