/**
 * `npm run cms:repatch`: the editor's GitHub-mode commits replayed through the local
 * backend, as CI runs it, on a git repository of its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';

const project = join(import.meta.dirname, '..', '..', '..');
const repo = mkdtempSync(join(tmpdir(), 'annals-repatch-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=编辑', '-c', 'user.email=editor@example.org', ...args], { cwd: repo, encoding: 'utf8' });
const nodeRunsTypeScript = Number(process.versions.node.split('.')[0]) >= 24;

describe.skipIf(!nodeRunsTypeScript)('npm run cms:repatch', () => {
  it("keeps only the editor's changes in an edited article and files a new one by the site's month", () => {
    const reference = join(repo, 'content', 'articles', '2017', '10', 'shaoyang-party-building-2017.mdx');
    mkdirSync(join(reference, '..'), { recursive: true });
    copyFileSync(join(project, 'content', 'articles', '2017', '10', 'shaoyang-party-building-2017.mdx'), reference);
    git('init', '--quiet');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'base');
    const original = readFileSync(reference, 'utf8');

    // What Decap's GitHub backend commits: the whole file in its YAML writer's style, and a
    // new article in the UTC month it computed (1 November 05:00 in Shanghai is October in UTC).
    const parsed = parseArticleFile(original);
    writeFileSync(reference, `---\n${stringify({ ...parsed.data, editor: '王芳' })}---\n${parsed.body}`);
    const added = join(repo, 'content', 'articles', '2017', '10', 'november-story.mdx');
    writeFileSync(added, '---\ntitle: 十一月的新闻\nslug: november-story\ndate: 2017-11-01T05:00+08:00\nsource:\n  name: 邵阳日报\ncorrections: []\ndraft: false\n---\n正文。\n');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'Update Articles “2017/10/shaoyang-party-building-2017”');

    const run = spawnSync(process.execPath, [join(project, 'scripts', 'cms-repatch.ts'), 'HEAD~1'], { cwd: project, encoding: 'utf8', env: { ...process.env, ANNALS_CONTENT_DIR: join(repo, 'content') } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 article files changed since HEAD~1, 0 refused/);
    expect(readFileSync(reference, 'utf8')).toBe(original.replace('editor: 刘茜\n', 'editor: 王芳\n'));
    expect(existsSync(added)).toBe(false);
    expect(readFileSync(join(repo, 'content', 'articles', '2017', '11', 'november-story.mdx'), 'utf8')).toBe('---\ntitle: 十一月的新闻\nslug: november-story\ndate: 2017-11-01T05:00+08:00\nsource: 邵阳日报\n---\n\n正文。\n');
  });
});
