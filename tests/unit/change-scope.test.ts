import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changeScope, contentFolder, isContentPath, isMissingBase } from '../../src/lib/change-scope.ts';

describe('changeScope', () => {
  it('calls a push content when every path is under content/: articles, photos, Chinese names, deletions', () => {
    const paths = ['content/articles/2017/05/x.mdx', 'content/articles/2017/05/县委书记.jpg', 'content/articles/2016/01/_draft.mdx'];
    expect(changeScope(paths)).toEqual({ scope: 'content', reason: '3 changed files, all under content/', outside: [] });
  });

  it('calls a push code when any path is outside content/, and names it', () => {
    expect(changeScope(['src/site.config.ts']).scope).toBe('code');
    const mixed = changeScope(['content/articles/2017/05/x.mdx', 'package-lock.json', 'tests/fixtures/site/articles/2016/10/flood-relief-2016.mdx']);
    expect(mixed).toEqual({ scope: 'code', reason: 'package-lock.json and 1 more outside content/', outside: ['package-lock.json', 'tests/fixtures/site/articles/2016/10/flood-relief-2016.mdx'] });
  });

  it('calls code what builds, tests or publishes the site, wherever it sits', () => {
    for (const path of ['src/lib/dates.ts', 'scripts/lint-content.ts', 'public/favicon.svg', 'package.json', 'astro.config.mjs', '.github/workflows/deploy.yml', '.nvmrc', '.githooks/pre-commit', 'README.md', 'docs/editing.md']) {
      expect(changeScope([path]).scope, path).toBe('code');
    }
  });

  it('calls a rename out of or into content/ code: git lists it as a deletion and an addition', () => {
    expect(changeScope(['content/articles/2017/05/x.mdx', 'src/pages/x.mdx']).scope).toBe('code');
    expect(changeScope(['src/data/articles.ts', 'content/articles/articles.ts']).scope).toBe('code');
  });

  it('calls code what it cannot classify: no paths, or paths git would never print', () => {
    expect(changeScope([]).scope).toBe('code');
    expect(changeScope(undefined).scope).toBe('code');
    for (const path of ['content', 'content/', 'content/../src/site.config.ts', './content/articles/x.mdx', '/content/articles/x.mdx', 'content\\articles\\x.mdx', 'Content/articles/x.mdx', 'contents/x.mdx']) {
      expect(isContentPath(path), path).toBe(false);
    }
  });

  it('follows the content root the build uses, and refuses one that is not a folder inside the repository', () => {
    expect(changeScope(['archive/articles/2020/01/a.mdx'], 'archive').scope).toBe('content');
    expect(changeScope(['content/articles/2020/01/a.mdx'], 'archive').scope).toBe('code');
    expect(contentFolder('./content/')).toBe('content');
    for (const dir of ['', '.', '..', '../elsewhere', '/srv/content']) {
      expect(contentFolder(dir), dir).toBeUndefined();
      expect(changeScope(['src/site.config.ts', 'content/articles/x.mdx'], dir).scope, dir).toBe('code');
    }
  });
});

describe('isMissingBase', () => {
  it('treats the all-zero SHA of a new branch, and no SHA, as no base', () => {
    expect(isMissingBase('0000000000000000000000000000000000000000')).toBe(true);
    expect(isMissingBase('')).toBe(true);
    expect(isMissingBase(undefined)).toBe(true);
    expect(isMissingBase('42388f3a0c9d2b1e5f6a7b8c9d0e1f2a3b4c5d6e')).toBe(false);
  });
});

// The CLI is TypeScript run by Node itself, which needs Node 23.6 or later (type stripping).
const nodeRunsTypeScript = Number(process.versions.node.split('.')[0]) >= 24;

describe.skipIf(!nodeRunsTypeScript)('npm run change-scope', () => {
  const script = join(import.meta.dirname, '..', '..', 'scripts', 'change-scope.ts');
  const repo = mkdtempSync(join(tmpdir(), 'annals-scope-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const gitEnv = { GIT_AUTHOR_NAME: 'Annals', GIT_AUTHOR_EMAIL: 'annals@example.org', GIT_COMMITTER_NAME: 'Annals', GIT_COMMITTER_EMAIL: 'annals@example.org' };
  const git = (...args: string[]) => {
    const run = spawnSync('git', ['-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...gitEnv } });
    if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
    return run.stdout.trim();
  };
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  };

  git('init', '-q', '-b', 'main');
  write('content/articles/2017/05/a.mdx', 'a\n');
  write('src/site.config.ts', 'export {};\n');
  const start = commit('start');
  write('content/articles/2017/05/县委书记.jpg', 'photo\n');
  write('content/articles/2017/05/x.mdx', 'x\n');
  const article = commit('an article');
  write('src/site.config.ts', 'export const changed = 1;\n');
  const config = commit('the site config');
  git('mv', 'content/articles/2017/05/a.mdx', 'src/a.mdx');
  const renamedOut = commit('a rename out of content/');
  git('mv', 'src/a.mdx', 'content/articles/2017/05/a.mdx');
  const renamedIn = commit('a rename into content/');
  git('checkout', '-q', '-b', 'elsewhere', start);
  write('content/articles/2017/05/y.mdx', 'y\n');
  const sideways = commit('an article on another line of history');
  git('checkout', '-q', 'main');

  function runScope(args: string[], env: Record<string, string> = {}) {
    const output = join(repo, '.git', 'github-output');
    writeFileSync(output, '');
    const childEnv: NodeJS.ProcessEnv = { ...process.env, GITHUB_OUTPUT: output, ...env };
    if (!('ANNALS_CONTENT_DIR' in env)) delete childEnv['ANNALS_CONTENT_DIR'];
    const run = spawnSync(process.execPath, [script, ...args], { cwd: repo, encoding: 'utf8', env: childEnv });
    expect(run.status, run.stderr).toBe(0);
    return { stdout: run.stdout, output: readFileSync(output, 'utf8') };
  }

  it('writes scope=content for commits that add articles and photos, with Chinese file names', () => {
    const run = runScope(['--base', start, '--head', article]);
    expect(run.stdout).toBe('change-scope: content: 2 changed files, all under content/\n');
    expect(run.output).toBe('scope=content\n');
  });

  it('writes scope=code for a code change, alone or among articles, and lists it', () => {
    expect(runScope(['--base', article, '--head', config])).toEqual({ stdout: 'change-scope: code: src/site.config.ts outside content/\n  src/site.config.ts\n', output: 'scope=code\n' });
    expect(runScope(['--base', start, '--head', config]).output).toBe('scope=code\n');
  });

  it('sees both sides of a rename, out of content/ or into it', () => {
    expect(runScope(['--base', config, '--head', renamedOut]).output).toBe('scope=code\n');
    expect(runScope(['--base', renamedOut, '--head', renamedIn]).stdout).toContain('src/a.mdx outside content/');
  });

  it('answers code when the base is all zeros, missing, not an ancestor, or the head itself', () => {
    expect(runScope(['--base', '0000000000000000000000000000000000000000', '--head', article]).stdout).toMatch(/^change-scope: code: no base commit/);
    expect(runScope(['--head', article]).output).toBe('scope=code\n');
    expect(runScope(['--base', 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef', '--head', article]).stdout).toMatch(/^change-scope: code: base deadbeef\w+ is not in this clone/);
    expect(runScope(['--base', sideways, '--head', article]).stdout).toMatch(/does not descend from/);
    expect(runScope(['--base', article, '--head', article]).stdout).toBe('change-scope: code: no changed files to classify\n');
  });

  it('follows ANNALS_CONTENT_DIR, as the build does', () => {
    expect(runScope(['--base', start, '--head', article], { ANNALS_CONTENT_DIR: 'archive' }).output).toBe('scope=code\n');
    expect(runScope(['--base', start, '--head', article], { ANNALS_CONTENT_DIR: '.' }).stdout).toMatch(/the content root "." is not a folder/);
  });
});
