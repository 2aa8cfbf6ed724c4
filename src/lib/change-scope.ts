/**
 * What a push changed, for the deploy workflow (issue 15): a push that changes only editorial
 * content publishes after the checks content needs (the content lint, the build with its output
 * checks, the output gates on the built site); any other push runs every test first.
 *
 * The rule, on the repository-relative paths git reports (an added, changed or deleted file;
 * a rename is its deletion and its addition, so moving a file out of the content root, or into
 * it from elsewhere, is a code change):
 *
 * - `content`: every path lies under the content root (`content/` unless `ANNALS_CONTENT_DIR`
 *   says otherwise, src/lib/content-root.ts): articles, their photos, and anything else there,
 *   which the content check reads or reports and no code imports.
 * - `code`: anything else, including `src/` (the site config too), `scripts/`, `tests/` (their
 *   fixture sites are test inputs), `public/`, `package*.json`, `astro.config.mjs`, `.github/`,
 *   `.nvmrc`, `.githooks/` and the docs. Also `code` when in doubt: no changed paths, a path git
 *   would never print (absolute, `..`, backslashes), a content root outside the repository or
 *   at its top. Running every test is the safe side.
 */

export type ChangeScope = 'content' | 'code';

export interface ScopeDecision {
  scope: ChangeScope;
  /** One line for the workflow's log. */
  reason: string;
  /** The changed paths outside the content root, in the order given. */
  outside: string[];
}

/** The content root the deploy builds, relative to the repository. */
export const DEFAULT_CONTENT_DIR = 'content';

/** A path as git prints it: relative, forward slashes, no empty, `.` or `..` segments. */
function isPlainRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/**
 * The content root as a repository-relative folder (`content`, `archive/site`), or undefined
 * when it cannot hold content on its own: outside the repository, its top, or not a plain path.
 */
export function contentFolder(dir: string): string | undefined {
  const trimmed = dir.replace(/^\.\//, '').replace(/\/+$/, '');
  return isPlainRelativePath(trimmed) ? trimmed : undefined;
}

/** Whether a changed path is editorial content: a file under the content root, never the root itself. */
export function isContentPath(path: string, contentDir: string = DEFAULT_CONTENT_DIR): boolean {
  const folder = contentFolder(contentDir);
  return folder !== undefined && isPlainRelativePath(path) && path.startsWith(`${folder}/`);
}

/** The git SHA of "no commit": a push's `before` when it created the branch. */
export function isMissingBase(sha: string | undefined): boolean {
  return sha === undefined || /^0*$/.test(sha.trim());
}

/** Classifies the paths a push changed; see the rule at the top of this file. */
export function changeScope(paths: readonly string[] | undefined, contentDir: string = DEFAULT_CONTENT_DIR): ScopeDecision {
  if (paths === undefined || paths.length === 0) return { scope: 'code', reason: 'no changed files to classify', outside: [] };
  const folder = contentFolder(contentDir);
  if (folder === undefined) return { scope: 'code', reason: `the content root "${contentDir}" is not a folder inside the repository`, outside: [...paths] };
  const outside = paths.filter((path) => !isContentPath(path, folder));
  if (outside.length === 0) {
    return { scope: 'content', reason: `${paths.length} changed file${paths.length === 1 ? '' : 's'}, all under ${folder}/`, outside };
  }
  const more = outside.length > 1 ? ` and ${outside.length - 1} more` : '';
  return { scope: 'code', reason: `${outside[0]}${more} outside ${folder}/`, outside };
}
