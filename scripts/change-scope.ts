/**
 * `npm run change-scope -- --base SHA [--head SHA]`: prints whether the commits from `base`
 * to `head` (default HEAD) change only editorial content (`content`) or anything else
 * (`code`), by the rule in src/lib/change-scope.ts, and writes `scope=content|code` to
 * `$GITHUB_OUTPUT` when GitHub Actions sets it. The deploy workflow publishes a `content`
 * push after the content checks alone (`npm run test:content`) and tests everything first
 * on `code`.
 *
 * Whatever git cannot answer is `code`: no base (the all-zero SHA of a new branch, or no
 * earlier green deploy), a base missing from the clone (a force push dropped it, or the
 * checkout is shallow), a head that does not descend from the base (history rewritten).
 * Renames are listed as a deletion and an addition, so both sides count.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { changeScope, isMissingBase, type ScopeDecision } from '../src/lib/change-scope.ts';
import { contentRoot } from '../src/lib/content-root.ts';

const { values } = parseArgs({ options: { base: { type: 'string' }, head: { type: 'string', default: 'HEAD' } } });

function git(args: string[], cwd?: string) {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { ok: run.status === 0, stdout: run.stdout ?? '' };
}

function decide(): ScopeDecision {
  const top = git(['rev-parse', '--show-toplevel']);
  if (!top.ok) return { scope: 'code', reason: 'not inside a git repository', outside: [] };
  const cwd = top.stdout.trim();
  const { base, head } = values;
  if (isMissingBase(base)) return { scope: 'code', reason: 'no base commit (a new branch, or no earlier green deploy)', outside: [] };
  const commit = (sha: string) => git(['rev-parse', '--verify', '--quiet', `${sha}^{commit}`], cwd);
  if (!commit(base as string).ok) return { scope: 'code', reason: `base ${base} is not in this clone (a force push, or a shallow checkout)`, outside: [] };
  if (!commit(head).ok) return { scope: 'code', reason: `head ${head} is not in this clone`, outside: [] };
  if (!git(['merge-base', '--is-ancestor', base as string, head], cwd).ok) {
    return { scope: 'code', reason: `${head} does not descend from ${base} (history was rewritten)`, outside: [] };
  }
  // Plumbing, so no user config (diff.renames, diff.relative) changes the list; -z keeps
  // Chinese file names unquoted.
  const diff = git(['diff-tree', '-r', '-z', '--name-only', '--no-renames', base as string, head], cwd);
  if (!diff.ok) return { scope: 'code', reason: `git diff-tree ${base} ${head} failed`, outside: [] };
  const paths = diff.stdout.split('\0').filter(Boolean);
  const contentDir = relative(cwd, contentRoot(cwd)).split(sep).join('/') || '.';
  return changeScope(paths, contentDir);
}

const decision = decide();
console.log(`change-scope: ${decision.scope}: ${decision.reason}`);
for (const path of decision.outside.slice(0, 10)) console.log(`  ${path}`);
if (decision.outside.length > 10) console.log(`  … ${decision.outside.length - 10} more`);
const output = process.env['GITHUB_OUTPUT'];
if (output) appendFileSync(output, `scope=${decision.scope}\n`);
