/**
 * `npm run lint:content [-- files…]`: checks the content root the way the build does and
 * prints every problem as `file:line: field: what is wrong and how to fix it`.
 *
 * It calls the same check as the collection's loader (src/lib/content-check.ts), so the
 * lint and the build can never disagree. With file arguments (the pre-commit hook passes
 * the staged articles) only problems in those files are printed, but permalinks are still
 * compared against the whole archive.
 */
import { relative, resolve } from 'node:path';
import { checkContentRoot, formatProblem } from '../src/lib/content-check.ts';
import { contentRoot } from '../src/lib/content-root.ts';

const cwd = process.cwd();
const root = contentRoot(cwd);
const only = new Set(process.argv.slice(2).map((file) => relative(cwd, resolve(cwd, file)).split('\\').join('/')));

const { articles, problems } = checkContentRoot(root, cwd);
const shown = only.size === 0 ? problems : problems.filter((problem) => only.has(problem.file));
for (const problem of shown) console.error(formatProblem(problem));

const errors = shown.filter((problem) => problem.severity === 'error').length;
const warnings = shown.length - errors;
const scope = only.size === 0 ? `${articles.length} article${articles.length === 1 ? '' : 's'} in ${relative(cwd, root) || '.'}` : `${only.size} file${only.size === 1 ? '' : 's'}`;
console.log(`lint:content: checked ${scope}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
process.exitCode = errors > 0 ? 1 : 0;
