/**
 * A failed build deploys nothing: `astro build` writes into a staging folder beside the
 * output folder, and only when every `astro:build:done` hook before this one (the search
 * index, the output check) has succeeded is the staging folder renamed to the output
 * folder. Any earlier failure (a render error, Pagefind, the output check, a killed
 * process) leaves no output folder for CI to upload.
 *
 * Why: Astro writes pages one by one into `outDir` and leaves them there when a later page
 * or hook throws, so a red build still leaves a plausible-looking, partial `dist/`.
 * The staging folder itself is removed when the process exits.
 *
 * The previous output folder is removed when a build starts, so after a failed build there
 * is no stale site either: renamed away at once and deleted by a detached process, because
 * deleting a published archive in place (44,000 files for the xwlb corpus) took half a
 * minute of every rebuild. Must be the last integration: `astro:config:done` checks it.
 */
import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';

export const ATOMIC_OUTPUT = 'annals:atomic-output';

export class AtomicOutputError extends Error {
  override name = 'AtomicOutputError';
}

/** The staging folder for an output folder: a hidden sibling, on the same file system so the final rename is atomic. */
export function stagingDirFor(outDir: string): string {
  return join(dirname(outDir), `.${basename(outDir)}.staging`);
}

let discarded = 0;

/** Takes `dir` out of the way now and deletes it in the background; nothing if it does not exist. */
export function discard(dir: string): void {
  if (!existsSync(dir)) return;
  const trash = join(dirname(dir), `.annals-trash-${process.pid}-${discarded++}`);
  renameSync(dir, trash);
  const remover = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', trash], { detached: true, stdio: 'ignore' });
  remover.unref();
}

export default function atomicOutput(): AstroIntegration {
  let finalDir: string | undefined;
  let stagingDir: string | undefined;
  return {
    name: ATOMIC_OUTPUT,
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig, logger }) => {
        if (command !== 'build') return;
        finalDir = fileURLToPath(config.outDir).replace(/\/+$/, '');
        stagingDir = stagingDirFor(finalDir);
        discard(finalDir);
        discard(stagingDir);
        updateConfig({ outDir: pathToFileURL(`${stagingDir}/`) });
        // A failed build leaves its partial pages in the staging folder; clear them on the way out.
        const staging = stagingDir;
        process.once('exit', () => rmSync(staging, { recursive: true, force: true }));
        logger.debug(`building into ${stagingDir}; ${finalDir} appears only if the build succeeds`);
      },
      'astro:config:done': ({ config }) => {
        const names = config.integrations.map((integration) => integration.name);
        if (names.at(-1) !== ATOMIC_OUTPUT) {
          throw new AtomicOutputError(`${ATOMIC_OUTPUT} must be the last integration in astro.config.mjs (found ${names.join(', ')}), or hooks after it would write into a published folder`);
        }
      },
      'astro:build:done': ({ dir, logger }) => {
        if (finalDir === undefined || stagingDir === undefined) return;
        const built = fileURLToPath(dir).replace(/\/+$/, '');
        if (built !== stagingDir) throw new AtomicOutputError(`the build wrote to ${built}, not to the staging folder ${stagingDir}`);
        discard(finalDir);
        renameSync(stagingDir, finalDir);
        logger.info(`published ${finalDir}`);
      },
    },
  };
}
