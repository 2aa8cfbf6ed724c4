import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CmsBackend } from '../../../src/lib/cms-backend.ts';
import { checkContentRoot } from '../../../src/lib/content-check.ts';
import { siteConfig } from '../../../src/site.config.ts';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function backendOn(files: Record<string, string | Buffer>): CmsBackend {
  root = mkdtempSync(join(tmpdir(), 'annals-cms-backend-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  mkdirSync(join(root, 'articles'), { recursive: true });
  return new CmsBackend({ root, timeZone: siteConfig.timeZone });
}

const persist = (backend: CmsBackend, path: string, raw: string, assets: { path: string; content: string; encoding: string }[] = []) =>
  backend.handle({ action: 'persistEntry', params: { branch: 'main', dataFiles: [{ path, slug: 'x', raw }], assets, options: { commitMessage: 'test' } } });

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const REVIEW = `---
title: 县里召开春耕动员会
slug: spring-ploughing
authors:
  - name: 李明
    role: 记者
figures:
  - id: field
    caption: 田间。
    image: ./field.png
---

{/* 待审核 REVIEW: date, source: not found in the source */}

<Figure id="field" />

县里召开春耕动员会。
`;

describe('the local backend', () => {
  it('lists published articles and the review queue as separate collections, ignoring other _ files', async () => {
    const backend = backendOn({ 'articles/_review/spring-ploughing.mdx': REVIEW, 'articles/2017/10/_note.mdx': 'x', 'articles/2017/10/a.mdx': '---\ntitle: 甲\ndate: 2017-10-01\nsource: 乙\n---\n' });
    const articles = await backend.handle({ action: 'entriesByFolder', params: { branch: 'main', folder: 'content/articles', extension: 'mdx', depth: 3 } });
    expect((articles.json as { file: { path: string } }[]).map((entry) => entry.file.path)).toEqual(['content/articles/2017/10/a.mdx']);
    const review = await backend.handle({ action: 'entriesByFolder', params: { branch: 'main', folder: 'content/articles/_review', extension: 'mdx', depth: 1 } });
    expect((review.json as { file: { path: string } }[]).map((entry) => entry.file.path)).toEqual(['content/articles/_review/spring-ploughing.mdx']);
  });

  it('files a new article by its month in the site time zone, with its uploaded photos, and the result passes the build check', async () => {
    const backend = backendOn({});
    // 05:00 in Shanghai on 1 November is still October in UTC, where Decap puts it.
    const raw = `---\ntitle: 新闻\nslug: new-story\ndate: 2017-11-01T05:00+08:00\nsource:\n  name: 邵阳日报\nauthors:\n  - name: 艾哲\n    role: 记者\n  - name: 李明\n    role: 摄影\neditor: 刘茜\nfigures:\n  - id: one\n    caption: 一\n    image: one.png\n  - id: two\n    caption: 二\n    image: two.png\ncorrections: []\ndraft: false\n---\n<Figure id="one" />\n\n正文。\n\n<Figure id="two" />\n`;
    const assets = ['one', 'two'].map((name) => ({ path: `content/articles/2017/10/${name}.png`, content: PNG.toString('base64'), encoding: 'base64' }));
    const saved = await persist(backend, 'content/articles/2017/10/new-story.mdx', raw, assets);
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(existsSync(join(root, 'articles/2017/11/new-story.mdx'))).toBe(true);
    expect(existsSync(join(root, 'articles/2017/11/one.png'))).toBe(true);
    expect(existsSync(join(root, 'articles/2017/10')), 'the folder Decap chose is not left empty').toBe(false);
    // What Decap writes for untouched fields (empty lists, draft: false) means "not written".
    const text = readFileSync(join(root, 'articles/2017/11/new-story.mdx'), 'utf8');
    expect(text).not.toMatch(/^(corrections|draft):/m);
    expect(text).toMatch(/^---\ntitle: 新闻\nslug: new-story\ndate: 2017-11-01T05:00\+08:00\nsource: 邵阳日报\nauthors:/);
    const { problems } = checkContentRoot(root, root);
    expect(problems).toEqual([]);
    const reopened = await backend.handle({ action: 'getEntry', params: { branch: 'main', path: 'content/articles/2017/10/new-story.mdx' } });
    expect((reopened.json as { data: string }).data).toContain('title: "新闻"');
  });

  it('keeps a review article in the queue without date and source, then publishes it into its month with its photo', async () => {
    const backend = backendOn({ 'articles/_review/spring-ploughing.mdx': REVIEW, 'articles/_review/field.png': PNG });
    const path = 'content/articles/_review/spring-ploughing.mdx';
    const kept = await persist(backend, path, REVIEW.replace('县里召开春耕动员会。', '县里召开春耕动员会，部署春耕。'));
    expect(kept.status, JSON.stringify(kept.json)).toBe(200);
    expect(readFileSync(join(root, 'articles/_review/spring-ploughing.mdx'), 'utf8')).toContain('部署春耕');

    const early = await persist(backend, path, REVIEW.replace('slug:', 'publish: true\nslug:'));
    expect(early.status).toBe(422);
    expect((early.json as { error: string }).error).toMatch(/date/);

    const complete = REVIEW.replace('slug:', 'date: 2024-03-01T09:00+08:00\nsource:\n  name: 邵阳日报\npublish: true\nslug:');
    const published = await persist(backend, path, complete);
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    expect(existsSync(join(root, 'articles/_review/spring-ploughing.mdx'))).toBe(false);
    const text = readFileSync(join(root, 'articles/2024/03/spring-ploughing.mdx'), 'utf8');
    expect(text).not.toContain('publish');
    expect(text).toMatch(/^---\ntitle: 县里召开春耕动员会\nslug: spring-ploughing\ndate: 2024-03-01T09:00\+08:00\nsource: 邵阳日报\nauthors:/);
    expect(existsSync(join(root, 'articles/2024/03/field.png'))).toBe(true);
    expect(checkContentRoot(root, root).problems).toEqual([]);
  });

  it('refuses a second article with a permalink already taken, deletions, and paths outside the content root', async () => {
    const backend = backendOn({ 'articles/2017/10/taken.mdx': '---\ntitle: 甲\ndate: 2017-10-01\nsource: 乙\n---\n' });
    const clash = await persist(backend, 'content/articles/2017/10/taken-too.mdx', '---\ntitle: 丙\nslug: taken\ndate: 2017-10-02\nsource: 丁\n---\n');
    expect(clash.status).toBe(422);
    expect((clash.json as { error: string }).error).toMatch(/slug: permalink \/articles\/taken\/ is already taken by .*taken\.mdx/);
    const deletion = await backend.handle({ action: 'deleteFiles', params: { branch: 'main', paths: ['content/articles/2017/10/taken.mdx'] } });
    expect(deletion.status).toBe(422);
    expect(existsSync(join(root, 'articles/2017/10/taken.mdx'))).toBe(true);
    const outside = await backend.handle({ action: 'getEntry', params: { branch: 'main', path: 'content/../../etc/passwd' } });
    expect(outside.status).toBe(422);
  });

  it('with commit on, commits each save with the message the editor sent, only the files it wrote', async () => {
    backendOn({ 'articles/2017/10/a.mdx': '---\ntitle: 甲\ndate: 2017-10-01\nsource: 乙\n---\n', 'articles/2017/10/other.mdx': '---\ntitle: 丙\ndate: 2017-10-01\nsource: 乙\n---\n' });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=编辑', '-c', 'user.email=editor@example.org', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '--quiet');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'base');
    writeFileSync(join(root, 'articles/2017/10/other.mdx'), '---\ntitle: 丙，未提交\ndate: 2017-10-01\nsource: 乙\n---\n');
    const committing = new CmsBackend({ root, timeZone: siteConfig.timeZone, commit: true });
    const saved = await committing.handle({ action: 'persistEntry', params: { branch: 'main', dataFiles: [{ path: 'content/articles/2017/10/a.mdx', slug: 'a', raw: '---\ntitle: 甲乙\ndate: 2017-10-01\nsource: 乙\n---\n' }], assets: [], options: { commitMessage: 'cms: update 文章 2017/10/a' } } });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(git('log', '-1', '--format=%s')).toBe('cms: update 文章 2017/10/a\n');
    expect(git('show', '--name-only', '--format=', 'HEAD')).toBe('articles/2017/10/a.mdx\n');
    expect(git('status', '--porcelain')).toBe(' M articles/2017/10/other.mdx\n');

    // A new article Decap put in the UTC month, with a photo uploaded there: both moved, both committed.
    const raw = '---\ntitle: 新闻\nslug: new-story\ndate: 2017-11-01T05:00+08:00\nsource: 乙\nfigures:\n  - id: one\n    caption: 一\n    image: one.png\n---\n<Figure id="one" />\n';
    const created = await committing.handle({ action: 'persistEntry', params: { branch: 'main', dataFiles: [{ path: 'content/articles/2017/10/new-story.mdx', slug: 'new-story', raw }], assets: [{ path: 'content/articles/2017/10/one.png', content: PNG.toString('base64'), encoding: 'base64' }], options: { commitMessage: 'cms: create 文章 new-story' } } });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    expect(git('show', '--name-only', '--format=%s', 'HEAD')).toBe('cms: create 文章 new-story\n\narticles/2017/11/new-story.mdx\narticles/2017/11/one.png\n');
  });
});
