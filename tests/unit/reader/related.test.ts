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

  test('score every candidate as relationScore does, repeated tags and editors included', () => {
    // Titles of their own characters and no bodies: no two articles share a bigram, so the
    // order is the metadata score, then closeness in time, then permalink.
    let seed = 7;
    const next = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const names = ['艾哲', '李明', '王芳', '张伟', '陈静'];
    const archive = Array.from({ length: 40 }, (_, i) =>
      article(`a${String(i).padStart(2, '0')}`, {
        title: String.fromCodePoint(0x4e00 + 2 * i, 0x4e01 + 2 * i),
        date: `2017-10-${String(1 + next(28)).padStart(2, '0')}T09:41+08:00`,
        authors: Array.from({ length: next(3) }, () => ({ name: names[next(5)] ?? '', role: '记者' })),
        ...(next(2) === 0 ? { editor: names[next(5)] ?? '' } : {}),
        tags: Array.from({ length: next(3) }, () => ['党建', '民生', '交通', '教育'][next(4)] ?? ''),
        ...(next(3) > 0 ? { section: ['要闻', '县域', '社会'][next(3)] ?? '' } : {}),
        source: { name: ['邵阳新闻在线', '邵阳日报'][next(2)] ?? '' },
      }),
    );
    const related = relatedArticles(archive);
    for (const base of archive) {
      const expected = archive
        .filter((other) => other !== base && relationScore(base, other) > 1)
        .sort((a, b) => relationScore(base, b) - relationScore(base, a) || Math.abs(a.data.date.epochMs - base.data.date.epochMs) - Math.abs(b.data.date.epochMs - base.data.date.epochMs) || a.id.localeCompare(b.id))
        .slice(0, 5);
      expect(related.get(base.id)?.map((a) => a.id), base.id).toEqual(expected.map((a) => a.id));
    }
  });

  test('are deterministic', () => {
    const articles = [base, samePerson, sameTag, similarText, unrelated];
    expect(relatedArticles(articles)).toEqual(relatedArticles([...articles]));
  });
});
