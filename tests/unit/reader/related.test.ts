import { describe, expect, test } from 'vitest';
import { relatedArticles, relationScore } from '../../../src/lib/related.ts';
import { article } from './helpers.ts';

describe('related articles', () => {
  const base = article('base', { authors: [{ name: '艾哲', role: '记者' }], tags: ['基层党建'], section: '党建', body: '邵阳县第一书记带领村民插秧。' });
  const samePerson = article('same-person', { authors: [{ name: '艾哲', role: '记者' }], body: '县城交通整治。' });
  const sameTag = article('same-tag', { tags: ['基层党建'], body: '另一个县的党建。' });
  const similarText = article('similar-text', { source: { name: '别的报纸' }, body: '第一书记带领村民插秧，邵阳县脱贫。' });
  const unrelated = article('unrelated', { source: { name: '别的报纸' }, body: '天气预报：明天有雨。' });

  test('rank shared people above shared tags, both above a shared source alone', () => {
    expect(relationScore(base, samePerson)).toBeGreaterThan(relationScore(base, sameTag));
    expect(relationScore(base, sameTag)).toBeGreaterThan(relationScore(base, unrelated));
  });

  test('come metadata first, then text similarity; an article never relates to itself or to unrelated text', () => {
    const related = relatedArticles([base, samePerson, sameTag, similarText, unrelated]);
    expect(related.get('base')?.map((a) => a.id)).toEqual(['same-person', 'same-tag', 'similar-text']);
  });

  test('are deterministic', () => {
    const articles = [base, samePerson, sameTag, similarText, unrelated];
    expect(relatedArticles(articles)).toEqual(relatedArticles([...articles]));
  });
});
