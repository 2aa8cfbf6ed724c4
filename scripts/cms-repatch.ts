/**
 * `npm run cms:repatch -- <base-commit>`: applies the local backend's rules to articles the
 * web editor committed in GitHub mode, for CI to run on the editor's commits.
 *
 * In GitHub mode Decap CMS writes files itself, with its own YAML writer, straight to the
 * repository: quoting, folding and key order change, and the review queue's publish box
 * is just a field. This script takes each article changed since `<base-commit>`, puts the
 * base version back, and saves the CMS's version over it through the local backend
 * (src/lib/cms-backend.ts): only the changed fields are written into the original text,
 * the build's check runs, new articles go to their month, ticked review articles are
 * published. A file the check refuses is left as the CMS wrote it and the run fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CmsBackend } from '../src/lib/cms-backend.ts';
import { contentRoot } from '../src/lib/content-root.ts';
import { siteConfig } from '../src/site.config.ts';

const base = process.argv[2];
if (!base || base.startsWith('-')) {
  console.error('usage: npm run cms:repatch -- <base-commit>   (for example HEAD~1, or the commit before the editor\'s pushes)');
  process.exit(2);
}
const root = contentRoot();
const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8' }).trim();
// Paths from the repository's top, whatever the working directory.
const git = (...args: string[]) => execFileSync('git', args, { cwd: top, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const articles = relative(top, join(root, 'articles')).split(sep).join('/');
const changed = git('diff', '--name-only', '--diff-filter=AM', base, '--', articles).split('\n').filter((path) => path.endsWith('.mdx'));

const backend = new CmsBackend({ root, timeZone: siteConfig.timeZone, log: (line) => console.log(`cms:repatch: ${line}`) });
let refused = 0;
for (const path of changed) {
  const file = join(top, path);
  if (!existsSync(file)) continue;
  const cmsText = readFileSync(file, 'utf8');
  let baseText: string | undefined;
  try {
    baseText = git('show', `${base}:${path}`);
  } catch {
    baseText = undefined;
  }
  if (baseText === undefined) rmSync(file);
  else writeFileSync(file, baseText);
  const cmsPath = `content/${relative(root, file).split(sep).join('/')}`;
  const answer = await backend.handle({ action: 'persistEntry', params: { dataFiles: [{ path: cmsPath, raw: cmsText, slug: '' }], assets: [], options: {} } });
  if (answer.status !== 200) {
    refused++;
    writeFileSync(file, cmsText);
    console.error(`cms:repatch: ${path}: ${(answer.json as { error?: string }).error ?? 'refused'}`);
  }
}
console.log(`cms:repatch: ${changed.length} article file${changed.length === 1 ? '' : 's'} changed since ${base}, ${refused} refused`);
process.exitCode = refused > 0 ? 1 : 0;
