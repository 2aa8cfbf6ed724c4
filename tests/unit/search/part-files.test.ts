import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close, createIndex } from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { identityFolder } from '../../../src/lib/search/fold.ts';
import { pageIds } from '../../../src/lib/search/part-files.ts';
import { indexDocument, readPageRecord } from '../../../src/lib/search/page-record.ts';
import { partLanguage, sharedPageIds } from '../../../src/lib/search/shards.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-part-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes one index part holding one page, the way the indexer does, and returns its folder. */
async function writePart(name: string, url: string, document: string): Promise<string> {
  const { index } = await createIndex({});
  await index?.addHTMLFile({ url, content: document });
  const outputPath = join(work, name);
  await index?.writeFiles({ outputPath });
  await close();
  return outputPath;
}

/** A folder's files by name without the language prefix, contents as base64, for comparing two parts. */
const filesOf = (folder: string) => Object.fromEntries(readdirSync(folder).sort().map((name) => [name.replace(/^[^_]+_/, ''), readFileSync(join(folder, name)).toString('base64')]));

describe('index part files', () => {
  const record = readPageRecord('<html><body><article data-pagefind-body data-pagefind-filter="year:2024"><h1>两会召开</h1><p>正文</p></article></body></html>');

  it('a part’s page ids are Pagefind’s, one per page: its language, then 7 hex digits', async () => {
    const part = await writePart('plain', '/articles/a/', indexDocument(record!, identityFolder, 'zh-CN'));
    expect(pageIds(part)).toEqual([expect.stringMatching(/^zh-cn_[0-9a-f]{7}$/)]);
    expect(pageIds(join(work, 'no-such-part'))).toEqual([]);
  }, 30_000);

  it('the same page in two parts, each under its own language, gets two ids and otherwise the same index', async () => {
    const older = await writePart('2022-2023', '/articles/a/', indexDocument(record!, identityFolder, partLanguage('zh-CN', { name: '2022-2023' })));
    const newer = await writePart('2024', '/articles/a/', indexDocument(record!, identityFolder, partLanguage('zh-CN', { name: '2024' })));
    // Under one language the two would collide: Pagefind's id is a hash of the page's data.
    expect(sharedPageIds(new Map([['2022-2023', pageIds(older)], ['2024', pageIds(newer)]])).size).toBe(0);
    expect(pageIds(older)).toEqual([expect.stringMatching(/^zh-cn-x-2022-2023_[0-9a-f]{7}$/)]);
    expect(pageIds(newer)[0]?.replace(/^[^_]+_/, '')).toBe(pageIds(older)[0]?.replace(/^[^_]+_/, ''));
    expect(filesOf(join(newer, 'index'))).toEqual(filesOf(join(older, 'index')));
    expect(filesOf(join(newer, 'filter'))).toEqual(filesOf(join(older, 'filter')));
  }, 30_000);
});
