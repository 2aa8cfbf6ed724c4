/**
 * The content check's results kept between builds (`KeptCheck`, `content-check.ts`), in one
 * JSON file in Astro's cache folder. The file is only used under the key it was written
 * with: the identity of the checking code (`code-identity.ts`: content-check.ts, the schema,
 * the MDX policy and every other module they import) and the project's lockfile (the
 * packages that parse YAML and MDX and run the schema). Anything unreadable, damaged or
 * written under another key is ignored, and every file is checked again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { codeIdentity } from './code-identity.ts';
import { CONTENT_CHECK_MODULE_URL, type KeptCheck } from './content-check.ts';

/** The lockfiles npm, pnpm, Yarn and Bun write; the first one found in `projectRoot` names the packages in use. */
const LOCKFILES = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];

/** The key kept checks are valid under in this project; undefined when the code or the packages cannot be identified. */
export function keptChecksKey(projectRoot: string, moduleUrl: string = CONTENT_CHECK_MODULE_URL): string | undefined {
  const code = codeIdentity(moduleUrl);
  const lockfile = LOCKFILES.map((name) => join(projectRoot, name)).find((path) => existsSync(path));
  if (!code || !lockfile) return undefined;
  return createHash('sha256').update(`${code}\n${projectRoot}\n`).update(readFileSync(lockfile)).digest('base64url');
}

interface StoredChecks {
  key: string;
  files: [string, KeptCheck][];
}

/** The checks kept in `file` under `key`; empty when there are none, or they were kept under another key. */
export function readKeptChecks(file: string, key: string): Map<string, KeptCheck> {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoredChecks>;
    if (stored.key === key && Array.isArray(stored.files)) return new Map(stored.files);
  } catch {
    // Missing or damaged: everything is checked again and the file is written anew.
  }
  return new Map();
}

/** Keeps `checks` in `file` under `key`, replacing the file whole (a killed build leaves the old one or none). */
export function writeKeptChecks(file: string, key: string, checks: ReadonlyMap<string, KeptCheck>): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify({ key, files: [...checks] } satisfies StoredChecks));
  renameSync(partial, file);
}

/**
 * `writeKeptChecks` with the file written off the main thread: for the dev server's start,
 * whose first page waited 0.3 s for a 14 MB file of 19,876 checks. The checks are serialised
 * at once, so later changes to them do not leak in.
 */
export async function writeKeptChecksInBackground(file: string, key: string, checks: ReadonlyMap<string, KeptCheck>): Promise<void> {
  const text = JSON.stringify({ key, files: [...checks] } satisfies StoredChecks);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, text);
  await rename(partial, file);
}

/** True when two sets of kept checks hold the same files with the same digests (nothing to write). */
export function sameKeptChecks(a: ReadonlyMap<string, KeptCheck>, b: ReadonlyMap<string, KeptCheck>): boolean {
  if (a.size !== b.size) return false;
  for (const [file, check] of a) if (b.get(file)?.digest !== check.digest) return false;
  return true;
}
