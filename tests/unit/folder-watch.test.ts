/**
 * The dev server's watch on the articles folder (src/lib/folder-watch.ts): a change to any
 * file of a watched folder is reported, ignored names are not, and the set of folders follows
 * the walk.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isIgnoredName } from '../../src/lib/content-check.ts';
import { FolderWatch, foldersUnder } from '../../src/lib/folder-watch.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-folder-watch-'));
const articles = join(work, 'articles');
mkdirSync(join(articles, '2017', '10'), { recursive: true });
mkdirSync(join(articles, '_review'), { recursive: true });
writeFileSync(join(articles, '2017', '10', 'one.mdx'), 'one');
let changes = 0;
const watch = new FolderWatch(() => changes++, isIgnoredName);
afterAll(() => {
  watch.close();
  rmSync(work, { recursive: true, force: true });
});

/** Resolves once `changes` has grown past `count`, or after a second. */
async function changedSince(count: number): Promise<boolean> {
  for (let waited = 0; waited < 1000; waited += 20) {
    if (changes > count) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('FolderWatch', () => {
  test('watches the articles folder and every folder under it, ignored ones left out', () => {
    expect(foldersUnder(articles, isIgnoredName)).toEqual([articles, join(articles, '2017'), join(articles, '2017', '10')]);
    expect(watch.sync(foldersUnder(articles, isIgnoredName))).toBe(true);
    expect(watch.sync(foldersUnder(articles, isIgnoredName))).toBe(false);
  });

  test('reports a file saved, added and removed in a watched folder', async () => {
    let count = changes;
    writeFileSync(join(articles, '2017', '10', 'one.mdx'), 'one, edited');
    expect(await changedSince(count)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    count = changes;
    writeFileSync(join(articles, '2017', '10', 'two.mdx'), 'two');
    expect(await changedSince(count)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    count = changes;
    rmSync(join(articles, '2017', '10', 'two.mdx'));
    expect(await changedSince(count)).toBe(true);
  });

  test('reports a burst of events (a file written, then renamed over the article) once', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const count = changes;
    writeFileSync(join(articles, '2017', '10', 'one.mdx.tmp'), 'one, saved again');
    renameSync(join(articles, '2017', '10', 'one.mdx.tmp'), join(articles, '2017', '10', 'one.mdx'));
    expect(await changedSince(count)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(changes).toBe(count + 1);
  });

  test('does not report a file with an ignored name, nor a change in an ignored folder', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const count = changes;
    writeFileSync(join(articles, '2017', '10', '.one.mdx.swp'), 'swap');
    writeFileSync(join(articles, '_review', 'draft.mdx'), 'waiting');
    expect(await changedSince(count)).toBe(false);
  });

  test('lists a linked folder, as the content check walks it', () => {
    const outside = join(work, 'elsewhere');
    mkdirSync(outside);
    symlinkSync(outside, join(articles, '2017', 'linked'));
    expect(foldersUnder(articles, isIgnoredName)).toContain(join(articles, '2017', 'linked'));
    rmSync(join(articles, '2017', 'linked'));
  });

  test('a new folder is reported, then watched once the walk lists it; a folder gone is let go', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    let count = changes;
    mkdirSync(join(articles, '2018'));
    expect(await changedSince(count)).toBe(true);
    expect(watch.sync(foldersUnder(articles, isIgnoredName))).toBe(true);
    expect(watch.folders).toContain(join(articles, '2018'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    count = changes;
    writeFileSync(join(articles, '2018', 'three.mdx'), 'three');
    expect(await changedSince(count)).toBe(true);
    rmSync(join(articles, '2018'), { recursive: true });
    await changedSince(changes);
    watch.sync(foldersUnder(articles, isIgnoredName));
    expect(watch.folders).not.toContain(join(articles, '2018'));
  });
});
