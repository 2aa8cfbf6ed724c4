import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close, createIndex } from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { identityFolder } from '../../../src/lib/search/fold.ts';
import { fragmentUrl, pageIds } from '../../../src/lib/search/part-files.ts';
import { indexDocument, readPageRecord } from '../../../src/lib/search/page-record.ts';

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

describe('index part files', () => {
  const record = readPageRecord('<html><body><article data-pagefind-body data-pagefind-filter="year:2024"><h1>两会召开</h1><p>正文</p></article></body></html>');

  it('lists a part’s page ids and reads a page’s URL back from its id', async () => {
    const part = await writePart('plain', '/articles/a/', indexDocument(record!, identityFolder, 'zh-CN'));
    const ids = pageIds(part);
    expect(ids).toHaveLength(1);
    expect(fragmentUrl(part, ids[0] ?? '')).toBe('/articles/a/');
  }, 30_000);

  it('a salt gives the same page another id, so a page id taken by another part can be changed', async () => {
    const plain = pageIds(await writePart('same', '/articles/a/', indexDocument(record!, identityFolder, 'zh-CN')));
    const salted = pageIds(await writePart('salted', '/articles/a/', indexDocument(record!, identityFolder, 'zh-CN', 1)));
    expect(salted).toHaveLength(1);
    expect(salted).not.toEqual(plain);
  }, 30_000);
});
