import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EarlyParts } from '../../../src/lib/search/early-parts.ts';
import { buildFoldTable } from '../../../src/lib/search/fold-table.ts';
import { createFolder } from '../../../src/lib/search/fold.ts';
import { indexBuiltSite, pageUrlOf } from '../../../src/lib/search/indexer.ts';
import { indexDocument, readPageRecord, relabelDocument } from '../../../src/lib/search/page-record.ts';
import { planShards } from '../../../src/lib/search/shards.ts';
import { articlePage, BUILT_SITE_PAGES, MONTHS_SITE_PAGES, writeBuiltSite } from './built-site.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-early-parts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The fixture's parts at two pages each: 2024 (a, b), 2023 (c), 2022 (d, e). */
const plan = planShards(
  new Map([
    [2024, { pages: 2, text: 0 }],
    [2023, { pages: 1, text: 0 }],
    [2022, { pages: 2, text: 0 }],
  ]),
  { pages: 2, text: Number.POSITIVE_INFINITY },
);

/** Every file under `dir` with its bytes, by path. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.set(relative(dir, path), readFileSync(path).toString('base64'));
    }
  };
  visit(dir);
  return files;
}

/** The months fixture's parts at two pages each: 2024m05 (holiday, boats), 2024m03 (spring), 2023 (care). */
const monthsPlan = planShards(
  new Map([
    [2024, { pages: 3, text: 0, months: new Map([[3, { pages: 1, text: 0 }], [5, { pages: 2, text: 0 }]]) }],
    [2023, { pages: 1, text: 0 }],
  ]),
  { pages: 2, text: Number.POSITIVE_INFINITY },
);

/** The index made after the pages, with no part indexed early: what every early build must equal. */
async function indexedAfter(name: string, pages = BUILT_SITE_PAGES): Promise<Map<string, string>> {
  const site = writeBuiltSite(join(work, name), pages);
  await indexBuiltSite(site.dir, site.pathnames, join(site.dir, 'pagefind'), 'zh-CN', { maxShardPages: 2 });
  return tree(join(site.dir, 'pagefind'));
}

/** Announces `rendered` (file → HTML, in render order) to an EarlyParts, then indexes the site with what it made. */
async function indexedEarly(name: string, rendered: [string, string][], beforePages: (workDir: string) => void = () => {}, pages = BUILT_SITE_PAGES, shards = plan) {
  const site = writeBuiltSite(join(work, name), pages);
  const workDir = join(work, `${name}-early`);
  const early = new EarlyParts(shards, { lang: 'zh-CN', fold: createFolder(await buildFoldTable()), workDir });
  beforePages(workDir);
  for (const [file, html] of rendered) early.page(file, html);
  const prepared: string[] = [];
  const result = await early.settle((partDir) => prepared.push(partDir));
  const summary = await indexBuiltSite(site.dir, site.pathnames, join(site.dir, 'pagefind'), 'zh-CN', { maxShardPages: 2, early: result });
  early.dispose();
  return { summary, result, prepared, index: tree(join(site.dir, 'pagefind')) };
}

const inRenderOrder = Object.entries(BUILT_SITE_PAGES);

describe('EarlyParts', () => {
  it('indexes each part once its pages have rendered, and the index step takes them: the same index as one made after the pages', async () => {
    const after = await indexedAfter('after');
    const { summary, result, prepared, index } = await indexedEarly('all', inRenderOrder);
    expect(summary.shards.map(({ name, early }) => [name, early])).toEqual([
      ['2024', true],
      ['2023', true],
      ['2022', true],
    ]);
    expect(result.failed).toEqual([]);
    expect(prepared).toHaveLength(3);
    // Each part's page ids were read while the next was indexed, for the cache's record.
    expect([...result.parts].map(([name, part]) => [name, [...(part.ids?.keys() ?? [])].sort()])).toEqual([
      ['2024', ['/articles/a/', '/articles/b/']],
      ['2023', ['/articles/c/']],
      ['2022', ['/articles/d/', '/articles/e/']],
    ]);
    // Every page's fingerprint was taken as it rendered, the listing's too.
    expect([...result.fingerprints.keys()].sort()).toEqual(['archive/index.html', 'articles/a/index.html', 'articles/b/index.html', 'articles/c/index.html', 'articles/d/index.html', 'articles/e/index.html', 'feed.xml']);
    expect(index).toEqual(after);
  }, 60_000);

  it('indexes the parts of a year split by months, each page staged in its month’s part', async () => {
    const after = await indexedAfter('months-after', MONTHS_SITE_PAGES);
    const { summary, result, index } = await indexedEarly('months', Object.entries(MONTHS_SITE_PAGES), () => {}, MONTHS_SITE_PAGES, monthsPlan);
    expect(monthsPlan.map((part) => part.name)).toEqual(['2024m05', '2024m03', '2023']);
    expect(summary.shards.map(({ name, early }) => [name, early])).toEqual([
      ['2024m05', true],
      ['2024m03', true],
      ['2023', true],
    ]);
    expect(result.failed).toEqual([]);
    expect(index).toEqual(after);
  }, 60_000);

  it('leaves a part whose pages did not all render to the index step', async () => {
    const after = await indexedAfter('after-partial');
    const { summary, index } = await indexedEarly(
      'partial',
      inRenderOrder.filter(([file]) => file !== 'articles/e/index.html'),
    );
    expect(summary.shards.map(({ name, early }) => [name, early])).toEqual([
      ['2024', true],
      ['2023', true],
      ['2022', false],
    ]);
    expect(index).toEqual(after);
  }, 60_000);

  it('does not let a part indexed from a page that rendered otherwise than its file reads stand in for the file', async () => {
    const after = await indexedAfter('after-changed');
    const rendered = inRenderOrder.map(([file, html]): [string, string] => [file, file === 'articles/b/index.html' ? articlePage('两会召开', 2024, '别的文字。') : html]);
    const { summary, index } = await indexedEarly('changed', rendered);
    expect(summary.shards.map(({ name, early }) => [name, early])).toEqual([
      ['2024', false],
      ['2023', true],
      ['2022', true],
    ]);
    expect(index).toEqual(after);
  }, 60_000);

  it('leaves a part it could not stage to the index step, saying why, without failing the page', async () => {
    const after = await indexedAfter('after-unstaged');
    // A file where the documents' folder must be: nothing can be staged.
    const { summary, result, index } = await indexedEarly('unstaged', inRenderOrder, (workDir) => {
      mkdirSync(workDir, { recursive: true });
      writeFileSync(join(workDir, 'documents'), 'in the way');
    });
    expect(result.failed).toEqual([expect.stringMatching(/^2024: staging articles\/a\/index\.html: /), expect.stringMatching(/^2023: staging/), expect.stringMatching(/^2022: staging/)]);
    expect(summary.shards.map(({ early }) => early)).toEqual([false, false, false]);
    expect(index).toEqual(after);
  }, 60_000);

  it('gives a page the URL the index step gives it', () => {
    expect(pageUrlOf('articles/a/index.html')).toBe('/articles/a/');
    expect(pageUrlOf('index.html')).toBe('/');
    expect(pageUrlOf('404.html')).toBe('/404.html');
  });
});

describe('relabelDocument', () => {
  it('is the document made again under the other language', async () => {
    const fold = createFolder(await buildFoldTable());
    const record = readPageRecord(articlePage('两会召开', 2024, '代表们审议政府工作报告。'));
    if (!record) throw new Error('no record');
    expect(relabelDocument(indexDocument(record, fold, 'zh-CN'), 'zh-CN', 'zh-CN-x-2024')).toBe(indexDocument(record, fold, 'zh-CN-x-2024'));
    expect(() => relabelDocument(indexDocument(record, fold, 'zh-CN'), 'en', 'zh-CN-x-2024')).toThrow(/not a document made under en/);
  });
});

