/**
 * `npm run hooks:install`: points this clone's git hooks at `.githooks/`, whose pre-commit
 * hook runs the content lint on the articles being committed.
 */
import { spawnSync } from 'node:child_process';

const result = spawnSync('git', ['config', 'core.hooksPath', '.githooks'], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error('hooks:install: could not set core.hooksPath; is this a git clone?');
  process.exit(1);
}
console.log('hooks:install: the pre-commit hook now checks staged articles with npm run lint:content (git commit --no-verify skips it once)');
