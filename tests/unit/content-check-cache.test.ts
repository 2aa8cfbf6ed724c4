/**
 * `checkContentRoot` with a `ContentCheckCache`, as `astro dev` runs it after every saved
 * change: the same result as a check without it, and a file read again exactly when it or
 * a photo it names changed.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkContentRoot, ContentCheckCache, formatProblem } from '../../src/lib/content-check.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-check-cache-'));
const root = join(work, 'content');
cpSync(join(import.meta.dirname, 'fixtures', 'content', 'valid'), root, { recursive: true });
const photoArticles = join(import.meta.dirname, '..', 'fixtures', 'site', 'articles', '2017', '10');
const dir = join(root, 'articles', '2017', '10');
const photo = join(dir, 'meeting.jpg');
const withPhoto = join(dir, 'county-meeting.mdx');
copyFileSync(join(photoArticles, 'county-meeting.mdx'), withPhoto);
copyFileSync(join(photoArticles, 'meeting.jpg'), photo);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cache = new ContentCheckCache();
/** The cached check, after asserting it says what a check without the cache says. */
function check() {
  const cached = checkContentRoot(root, work, { cache });
  const uncached = checkContentRoot(root, work);
  expect(cached.problems).toEqual(uncached.problems);
  expect(cached.articles).toEqual(uncached.articles);
  return cached;
}
const lines = (result: ReturnType<typeof check>) => result.problems.map(formatProblem);

describe('checkContentRoot with a ContentCheckCache', () => {
  const first = check();
  const files = first.articles.length;

  test('reads every file once, then none while nothing changes', () => {
    expect(first.problems).toEqual([]);
    expect(cache.checkedFiles).toBe(files);
    check();
    expect(cache.checkedFiles).toBe(0);
    expect(cache.reusedFiles).toBe(files);
  });

  test('checks a saved file again at once, and reports its new problem with file, line and field', () => {
    const article = join(dir, 'date-only.mdx');
    const text = readFileSync(article, 'utf8');
    writeFileSync(article, text.replace(/^title:.*\n/m, ''));
    expect(lines(check())).toEqual(['content/articles/2017/10/date-only.mdx:2: title: title is missing; add a title: line to the frontmatter']);
    expect(cache.checkedFiles).toBe(1);
    writeFileSync(article, text);
    expect(check().problems).toEqual([]);
    expect(cache.checkedFiles).toBe(1);
  });

  test('checks an article again when the photo it names goes or comes back', () => {
    const bytes = readFileSync(photo);
    unlinkSync(photo);
    // The article places the photo twice.
    expect(lines(check())).toEqual([
      expect.stringMatching(/county-meeting\.mdx:\d+: figures\.0\.image: image file \.\/meeting\.jpg does not exist/),
      expect.stringMatching(/county-meeting\.mdx:\d+: figures\.2\.image: image file \.\/meeting\.jpg does not exist/),
    ]);
    expect(cache.checkedFiles).toBe(1);
    writeFileSync(photo, bytes.subarray(0, 40));
    expect(lines(check())).toEqual([
      expect.stringMatching(/county-meeting\.mdx:\d+: figures\.0\.image: \.\/meeting\.jpg: /),
      expect.stringMatching(/county-meeting\.mdx:\d+: figures\.2\.image: \.\/meeting\.jpg: /),
    ]);
    writeFileSync(photo, bytes);
    expect(check().problems).toEqual([]);
    expect(cache.checkedFiles).toBe(1);
  });

  test('sees a new file that takes a cached article’s permalink, and forgets a deleted one', () => {
    const copy = join(root, 'articles', '2017', 'date-only.mdx');
    copyFileSync(join(dir, 'date-only.mdx'), copy);
    expect(lines(check())).toEqual([expect.stringMatching(/content\/articles\/2017\/date-only\.mdx: slug: permalink \/articles\/date-only\/ is already taken by content\/articles\/2017\/10\/date-only\.mdx/)]);
    expect(cache.checkedFiles).toBe(1);
    unlinkSync(copy);
    const after = check();
    expect(after.problems).toEqual([]);
    expect(after.articles).toHaveLength(files);
  });
});
