/**
 * The web editor's round trip (issue 16): an article opened and saved without a change is
 * byte for byte the same file, and a change to one field changes only that field's lines.
 * The CMS is stood in for by what it does to a file: it reads the view the backend gives
 * it, changes the form's data, and writes the whole file again with its own YAML writer
 * (here the `yaml` package's defaults, which fold long lines: a harder case than Decap's).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { CmsBackend } from '../../../src/lib/cms-backend.ts';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';
import { parseJsonl } from '../../../src/lib/import/jsonl.ts';
import { importSlug } from '../../../src/lib/import/slug.ts';
import { prepareArticle } from '../../../src/lib/import/target.ts';
import { siteConfig } from '../../../src/site.config.ts';
import { changedLines } from './changed-lines.ts';

type Data = Record<string, unknown>;

const project = join(import.meta.dirname, '..', '..', '..');
const REFERENCE = 'articles/2017/10/shaoyang-party-building-2017.mdx';
const fixtures = join(import.meta.dirname, 'fixtures', 'round-trip');
const CORPUS = join(project, '..', 'shared', 'corpus', 'xwlb', 'articles.jsonl');

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function newRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'annals-cms-'));
  roots.push(root);
  mkdirSync(join(root, 'articles'), { recursive: true });
  return root;
}

/** What the CMS sends back for a view, after `change` edits its form data. */
function cmsWrites(view: string, change: (data: Data) => void = () => {}): string {
  const parsed = parseArticleFile(view);
  const data = structuredClone(parsed.data ?? {});
  change(data);
  return `---\n${stringify(data)}---\n${parsed.body}`;
}

async function openAndSave(backend: CmsBackend, root: string, file: string, change?: (data: Data) => void) {
  const path = `content/${file}`;
  const opened = await backend.handle({ action: 'getEntry', params: { branch: 'main', path } });
  const view = (opened.json as { data: string }).data;
  const saved = await backend.handle({ action: 'persistEntry', params: { branch: 'main', dataFiles: [{ path, slug: 'x', raw: cmsWrites(view, change) }], assets: [], options: { commitMessage: 'test' } } });
  return { saved, text: readFileSync(join(root, file), 'utf8') };
}


describe('the reference article through the web editor', () => {
  const root = newRoot();
  const file = join(root, REFERENCE);
  mkdirSync(dirname(file), { recursive: true });
  copyFileSync(join(project, 'content', REFERENCE), file);
  const original = readFileSync(file, 'utf8');
  const backend = new CmsBackend({ root, timeZone: siteConfig.timeZone });

  it('opened and saved unchanged, is byte for byte the same file, not even written again', async () => {
    const before = statSync(file).mtimeMs;
    const { saved, text } = await openAndSave(backend, root, REFERENCE);
    expect(saved.status).toBe(200);
    expect(text).toBe(original);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('changing one field changes only its lines, keeping the form of everything else', async () => {
    const cases: [string, (data: Data) => void, { removed: string[]; added: string[] }][] = [
      ['title', (data) => { data['title'] = '为有源头活水来: 邵阳县党建纪实'; }, { removed: ['title: 党的十八大以来邵阳县党建工作发展纪实之为有源头活水来'], added: ['title: "为有源头活水来: 邵阳县党建纪实"'] }],
      ['one role', (data) => { (data['authors'] as Data[])[1]!['role'] = '摄影'; }, { removed: ['    role: 通讯员'], added: ['    role: 摄影'] }],
      ['the date', (data) => { data['date'] = '2017-10-17T10:05+08:00'; }, { removed: ['date: 2017-10-17T09:41+08:00'], added: ['date: 2017-10-17T10:05+08:00'] }],
      ['a tag', (data) => { (data['tags'] as string[]).push('组织建设'); }, { removed: ['tags: [邵阳县, 基层党建, 第一书记]'], added: ['tags: [邵阳县, 基层党建, 第一书记, 组织建设]'] }],
      ['a credit', (data) => { (data['figures'] as Data[])[2]!['credit'] = '摄影 李明'; }, { removed: [], added: ['    credit: 摄影 李明'] }],
      ['the source url', (data) => { data['source'] = { name: '邵阳新闻在线', url: 'https://www.shaoyangnews.net/a.html' }; }, { removed: ['source: 邵阳新闻在线'], added: ['source:', '  name: 邵阳新闻在线', '  url: https://www.shaoyangnews.net/a.html'] }],
      ['a correction', (data) => { data['corrections'] = [{ date: '2017-10-18T10:00+08:00', text: '原文“1226个”应为“1306个”。' }]; }, { removed: [], added: ['corrections:', '  - date: 2017-10-18T10:00+08:00', '    text: 原文“1226个”应为“1306个”。'] }],
      ['the editor removed', (data) => { data['editor'] = ''; }, { removed: ['editor: 刘茜'], added: [] }],
    ];
    for (const [name, change, expected] of cases) {
      writeFileSync(file, original);
      const { saved, text } = await openAndSave(backend, root, REFERENCE, change);
      expect(saved.status, name).toBe(200);
      expect(changedLines(original, text), name).toEqual(expected);
    }
  });

  it('changing the body changes only the body lines it touches', async () => {
    writeFileSync(file, original);
    const { text } = await openAndSave(backend, root, REFERENCE, (data) => data);
    expect(text).toBe(original);
    const view = (await backend.handle({ action: 'getEntry', params: { branch: 'main', path: `content/${REFERENCE}` } })).json as { data: string };
    const raw = view.data.replace('走进夫夷大地', '走进夫夷大地,');
    await backend.handle({ action: 'persistEntry', params: { branch: 'main', dataFiles: [{ path: `content/${REFERENCE}`, slug: 'x', raw }], assets: [] } });
    const edited = readFileSync(file, 'utf8');
    const diff = changedLines(original, edited);
    expect(diff.removed).toHaveLength(1);
    expect(diff.added).toEqual([diff.removed[0]?.replace('走进夫夷大地', '走进夫夷大地,')]);
  });

  it('refuses a save the build would refuse, naming the field and the fix, and leaves the file alone', async () => {
    writeFileSync(file, original);
    const { saved, text } = await openAndSave(backend, root, REFERENCE, (data) => { data['date'] = '2017-10-17T09:41'; });
    expect(saved.status).toBe(422);
    expect((saved.json as { error: string }).error).toMatch(/shaoyang-party-building-2017\.mdx:4: date: .*offset/);
    expect(text).toBe(original);
    const figures = await openAndSave(backend, root, REFERENCE, (data) => { (data['figures'] as Data[]).push({ id: 'extra', caption: '多出的图' }); });
    expect((figures.saved.json as { error: string }).error).toMatch(/:\d+: figures\.4: figure "extra" is never placed, .*add <Figure id="extra" \/> where it stands/);
    expect(figures.text).toBe(original);
  });
});

describe('files written by hand in other styles', () => {
  const names = readdirSync(fixtures).filter((name) => name.endsWith('.mdx'));

  it.each(names)('%s: unchanged is byte for byte, a new title changes one line', async (name) => {
    const root = newRoot();
    const relative = `articles/2024/03/${name}`;
    const file = join(root, relative);
    mkdirSync(dirname(file), { recursive: true });
    copyFileSync(join(fixtures, name), file);
    const original = readFileSync(file, 'utf8');
    const backend = new CmsBackend({ root, timeZone: siteConfig.timeZone });
    const unchanged = await openAndSave(backend, root, relative);
    expect(unchanged.saved.status).toBe(200);
    expect(unchanged.text).toBe(original);

    const retitled = await openAndSave(backend, root, relative, (data) => { data['title'] = '新的标题'; });
    expect(retitled.saved.status).toBe(200);
    const diff = changedLines(original.replace(/\r\n/g, '\n'), retitled.text.replace(/\r\n/g, '\n'));
    expect(diff.removed).toHaveLength(1);
    expect(diff.removed[0]).toMatch(/^title: /);
    // In the quotes the title had, if any.
    const quote = /^title: (['"]?)/.exec(diff.removed[0] ?? '')?.[1] ?? '';
    expect(diff.added).toEqual([`title: ${quote}新的标题${quote}`]);
    // Line breaks and the byte-order mark stay as the file had them.
    expect(retitled.text.startsWith('\uFEFF')).toBe(original.startsWith('\uFEFF'));
    expect(retitled.text.includes('\r\n')).toBe(original.includes('\r\n'));
  });

  it('keeps comments, quoting, flow entries, blank lines and a written draft: false when another field changes', async () => {
    const root = newRoot();
    const relative = 'articles/2024/03/quoted-and-commented.mdx';
    const file = join(root, relative);
    mkdirSync(dirname(file), { recursive: true });
    copyFileSync(join(fixtures, 'quoted-and-commented.mdx'), file);
    const original = readFileSync(file, 'utf8');
    const backend = new CmsBackend({ root, timeZone: siteConfig.timeZone });
    const { text } = await openAndSave(backend, root, relative, (data) => { (data['authors'] as Data[])[1]!['role'] = '摄影'; data['editor'] = '王芳'; });
    expect(changedLines(original, text)).toEqual({
      removed: ['- {name: 刘飞, role: 通讯员}', 'editor: "刘茜"'],
      added: ['- {name: 刘飞, role: 摄影}', 'editor: "王芳"'],
    });
  });
});

describe.skipIf(!existsSync(CORPUS))('200 articles imported from the xwlb corpus', () => {
  it('each, opened and saved unchanged, is byte for byte the same; a new title changes only the title line', async () => {
    const root = newRoot();
    const lines = readFileSync(CORPUS, 'utf8').split('\n').slice(0, 200).join('\n');
    const files: { relative: string; text: string }[] = [];
    for (const result of parseJsonl(lines, 'articles.jsonl')) {
      if (!result.article) continue;
      const slug = result.article.slug ?? importSlug({ title: result.article.title, date: result.article.date });
      const prepared = prepareArticle(result.article, slug, siteConfig.timeZone);
      const file = join(root, prepared.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, prepared.text);
      files.push({ relative: prepared.path, text: prepared.text });
    }
    expect(files).toHaveLength(200);
    const backend = new CmsBackend({ root, timeZone: siteConfig.timeZone });
    let identical = 0;
    let oneLine = 0;
    for (const { relative, text } of files) {
      const unchanged = await openAndSave(backend, root, relative);
      if (unchanged.saved.status === 200 && unchanged.text === text) identical++;
      const retitled = await openAndSave(backend, root, relative, (data) => { data['title'] = `${String(data['title'])}（修订）`; });
      const diff = changedLines(text, retitled.text);
      if (retitled.saved.status === 200 && diff.removed.length === 1 && diff.added.length === 1 && diff.added[0]?.startsWith('title: ')) oneLine++;
    }
    expect({ identical, oneLine }).toEqual({ identical: 200, oneLine: 200 });
  });
});
