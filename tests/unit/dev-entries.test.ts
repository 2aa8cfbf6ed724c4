import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newestFirst } from '../../src/lib/article-shape.ts';
import { checkContentRoot, type CheckedArticle } from '../../src/lib/content-check.ts';
import { checkedDigest, DEV_CHECKED_ID, devArticleEntries, entryOfCheck, namesPhoto, type CheckedEntry } from '../../src/lib/dev-entries.ts';
import { isValidSlug } from '../../src/lib/permalinks.ts';

const root = join(import.meta.dirname, '..', 'fixtures', 'site');
const cwd = join(import.meta.dirname, '..', '..');
const { articles, problems } = checkContentRoot(root, cwd);
const withPhoto = articles.filter(namesPhoto);
const drafts = articles.filter((article) => article.data.draft);

/** What the store would give for a photo article: a marked copy, so the test can tell where an entry came from. */
const storedEntry = (article: CheckedArticle): CheckedEntry & { fromStore: true } => ({ ...entryOfCheck(article), fromStore: true });

describe('the dev server’s articles, from the content check and the store’s photo entries', () => {
  it('runs over a fixture with photos, drafts and plain articles', () => {
    expect(problems).toEqual([]);
    expect(withPhoto.length).toBeGreaterThan(0);
    expect(drafts.length).toBeGreaterThan(0);
    expect(articles.length - withPhoto.length - drafts.length).toBeGreaterThan(1);
  });

  it('gives every published article once, newest first, drafts left out', () => {
    const stored = new Map(withPhoto.map((article) => [article.slug, storedEntry(article)]));
    const entries = devArticleEntries(articles, (id) => stored.get(id), entryOfCheck);
    const published = articles.filter((article) => !article.data.draft);
    expect(entries.map((entry) => entry.id).sort()).toEqual(published.map((article) => article.slug).sort());
    expect([...entries].sort(newestFirst).map((entry) => entry.id)).toEqual(entries.map((entry) => entry.id));
    for (const draft of drafts) expect(entries.some((entry) => entry.id === draft.slug)).toBe(false);
  });

  it('takes an article without a photo from the check: its frontmatter, file and digest', () => {
    const plain = articles.find((article) => !namesPhoto(article) && !article.data.draft);
    if (!plain) throw new Error('the fixture has no published article without a photo');
    const entry = devArticleEntries(articles, () => undefined, entryOfCheck).find((candidate) => candidate.id === plain.slug);
    expect(entry).toEqual({ id: plain.slug, collection: 'articles', data: plain.data, filePath: plain.file, digest: plain.digest });
  });

  it('takes a photo article from the store, and leaves it out while the store does not hold it', () => {
    const photo = withPhoto.find((article) => !article.data.draft);
    if (!photo) throw new Error('the fixture has no published photo article');
    const fromStore = devArticleEntries(articles, (id) => (id === photo.slug ? storedEntry(photo) : undefined), entryOfCheck);
    expect(fromStore.find((entry) => entry.id === photo.slug)).toMatchObject({ fromStore: true });
    const notYet = devArticleEntries(articles, () => undefined, entryOfCheck);
    expect(notYet.some((entry) => entry.id === photo.slug)).toBe(false);
    expect(notYet.length).toBe(fromStore.length - 1);
  });
});

describe('the store entry standing for the articles taken from the check', () => {
  const plain = articles.filter((article) => !namesPhoto(article));
  const digest = checkedDigest(plain);

  it('has an id no permalink can take', () => {
    expect(isValidSlug(DEV_CHECKED_ID)).toBe(false);
  });

  it('keeps its digest while nothing changes, and changes it when an article is saved, added, removed or moved', () => {
    expect(checkedDigest(plain.map((article) => ({ ...article })))).toBe(digest);
    const [first, ...rest] = plain;
    if (!first) throw new Error('the fixture has no article without a photo');
    expect(checkedDigest([{ ...first, digest: `${first.digest}x` }, ...rest])).not.toBe(digest);
    expect(checkedDigest(rest)).not.toBe(digest);
    expect(checkedDigest([...plain, { slug: 'new-one', file: 'content/articles/2020/01/new-one.mdx', digest: '0' }])).not.toBe(digest);
    expect(checkedDigest([{ ...first, file: `${first.file.replace(/\.mdx$/, '')}-moved.mdx` }, ...rest])).not.toBe(digest);
    expect(checkedDigest([{ ...first, slug: `${first.slug}-renamed` }, ...rest])).not.toBe(digest);
  });
});
