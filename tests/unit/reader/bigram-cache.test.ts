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

describe('a kept text vector after other articles changed', () => {
  // The guard of BigramCache: an article whose own top bigrams kept their weight is made
  // again when a bigram it holds outside its top TERMS_PER_ARTICLE now outweighs the last
  // of them. Here 甲乙 is in every article, so common that it is not among the long
  // article's distinctive bigrams; once the others no longer hold it, it is the long
  // article's most distinctive bigram (it holds it three times).
  const long = '春夏秋冬东南西北金木水火土日月星辰山川河海风雨雷电江湖湘资沅澧梅兰竹菊琴棋书画笔墨纸砚';
  const withBody = (article: Stamped, body: string, version: number): Stamped => ({ ...article, body, stamp: `${article.id}@${version}` });
  const before = [withBody(generated(0), `${long}\n\n甲乙。甲乙。甲乙。`, 1), ...Array.from({ length: 20 }, (_, i) => withBody(generated(i + 1), '甲乙丙丁', 1))];
  const after = before.map((article, i) => (i === 0 ? article : withBody(article, '戊己庚辛', 2)));
  const stampOf = (article: Stamped) => article.stamp;

  test('holds the bigram that now passes its last one, as a fresh computation does', () => {
    const cache = new BigramCache();
    cache.vectors(before, stampOf);
    const kept = cache.vectors(after, stampOf);
    const fresh = new BigramCache().vectors(after, stampOf);
    expect(kept[0]).toEqual(fresh[0]);
    // 甲乙 got into the long article's vector, which is the case the guard is for.
    expect(fresh[0]?.weights.length).toBe(40);
    expect(new BigramCache().vectors(before, stampOf)[0]).not.toEqual(fresh[0]);
  });
});
