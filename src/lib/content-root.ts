/**
 * Where the content lives. `ANNALS_CONTENT_DIR` points the build, dev server, lint and
 * benchmarks at another content root laid out like `content/` (an imported corpus, a
 * test fixture), so they never touch the sample content.
 */
import { isAbsolute, resolve } from 'node:path';

export const CONTENT_DIR_VARIABLE = 'ANNALS_CONTENT_DIR';

export function contentRoot(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[CONTENT_DIR_VARIABLE];
  if (!configured) return resolve(cwd, 'content');
  return isAbsolute(configured) ? configured : resolve(cwd, configured);
}
