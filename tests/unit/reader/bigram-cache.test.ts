/**
 * The dev server's related articles (src/data/site-index.ts): a `BigramCache` kept across
 * saved changes must give exactly the lists a fresh computation over the same archive gives.
 */
import { describe, expect, test } from 'vitest';
import type { ArticleLike } from '../../../src/lib/article-shape.ts';
import { checkArticleText } from '../../../src/lib/content-check.ts';
import { BigramCache, relatedArticles, relatedIndex } from '../../../src/lib/related.ts';
import { generateArticle } from '../../../scripts/lib/generate-corpus.ts';

type Stamped = ArticleLike & { stamp: string };

function generated(index: number): Stamped {
  const { text, path } = generateArticle(index);
  const { article } = checkArticleText(text, path);
  if (!article) throw new Error(`generated article ${index} does not pass the content check`);
  return { id: article.slug, body: article.body, data: article.data, stamp: `${article.slug}@1` };
}

const newestFirst = (a: Stamped, b: Stamped) => b.data.date.epochMs - a.data.date.epochMs || a.id.localeCompare(b.id);
const lists = (archive: readonly Stamped[], index: { get(id: string): ArticleLike[] | undefined }) =>
  archive.map((article) => [article.id, index.get(article.id)?.map((other) => other.id)]);

describe('related articles with a BigramCache', () => {
  const cache = new BigramCache();
  const cached = (archive: readonly Stamped[]) => relatedIndex(archive, 5, { bigrams: cache, stampOf: (article) => article.stamp });
  const fresh = (archive: readonly Stamped[]) => [...relatedArticles(archive, 5)].map(([id, related]) => [id, related.map((other) => other.id)]);
  let archive = Array.from({ length: 120 }, (_, i) => generated(i)).sort(newestFirst);

  test('are those of a fresh computation at first', () => {
    expect(lists(archive, cached(archive))).toEqual(fresh(archive));
    expect(cache.split).toBe(120);
  });

  test('after a title edit: the same lists, the other articles neither split nor all revectored', () => {
    const edited = archive[40] as Stamped;
    archive = archive.map((article) => (article === edited ? { ...edited, data: { ...edited.data, title: `${edited.data.title} 县委书记调研` }, stamp: `${edited.id}@2` } : article));
    expect(lists(archive, cached(archive))).toEqual(fresh(archive));
    expect(cache.split).toBe(1);
    expect(cache.revectored).toBeLessThan(archive.length);
  });

  test('after a body rewritten, an article added and one removed: the same lists', () => {
    const rewritten = archive[7] as Stamped;
    archive = archive.map((article) => (article === rewritten ? { ...rewritten, body: '天气预报：明天有雨，邵阳县城区气温回升。', stamp: `${rewritten.id}@2` } : article));
    expect(lists(archive, cached(archive))).toEqual(fresh(archive));
    archive = [...archive, generated(500)].sort(newestFirst);
    expect(lists(archive, cached(archive))).toEqual(fresh(archive));
    expect(cache.split).toBe(1);
    archive = archive.filter((_, i) => i !== 3);
    expect(lists(archive, cached(archive))).toEqual(fresh(archive));
    expect(cache.split).toBe(0);
  });

  test('an unchanged archive reuses every vector', () => {
    expect(lists(archive, cached(archive))).toEqual(fresh(archive));
    expect(cache.split).toBe(0);
    expect(cache.revectored).toBe(0);
  });
});
