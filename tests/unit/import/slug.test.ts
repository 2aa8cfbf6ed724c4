import { describe, expect, it } from 'vitest';
import { isValidSlug } from '../../../src/lib/permalinks.ts';
import { derivedSlug, importSlug, titleWords } from '../../../src/lib/import/slug.ts';

describe('importSlug', () => {
  it('keeps a JSON Lines id that is a valid slug, lower-cased', () => {
    expect(importSlug({ id: 'xwlb-20220924-01', title: '共护一江水', date: '2022-09-24' })).toBe('xwlb-20220924-01');
    expect(importSlug({ id: 'XWLB-20220924-01', title: '共护一江水' })).toBe('xwlb-20220924-01');
  });

  it('derives pinyin, date and a short hash when there is no usable id', () => {
    expect(importSlug({ title: '党的十八大以来邵阳县党建工作发展纪实之为有源头活水来', date: '2017-10-17T09:41+08:00' }))
      .toBe('dang-de-shi-ba-da-yi-lai-shao-20171017-dcf78f');
    expect(importSlug({ id: 'not a slug', title: '国内联播快讯', date: '2022-09-24' })).toMatch(/^guo-nei-lian-bo-kuai-xun-20220924-[0-9a-f]{6}$/);
  });

  it('gives a title that repeats daily a different slug each day', () => {
    const slugs = new Set(['2022-09-24', '2022-09-25', '2022-09-26'].map((date) => derivedSlug('国内联播快讯', date)));
    expect(slugs.size).toBe(3);
  });

  it('is deterministic', () => {
    expect(derivedSlug('标题', '2020-01-01')).toBe(derivedSlug('标题', '2020-01-01'));
  });

  it('turns Latin words, digits and ü into ASCII words and drops punctuation', () => {
    expect(titleWords('【领航中国】绿色GDP增长5.3%')).toEqual(['ling', 'hang', 'zhong', 'guo', 'lv', 'se', 'gdp', 'zeng', 'zhang', '5', '3']);
  });

  it('always yields a valid slug, even for a title with no letters at all, or no date', () => {
    for (const title of ['！！！', '——', 'Ünïcödé Ⅱ类', '一'.repeat(200)]) {
      expect(isValidSlug(derivedSlug(title, undefined))).toBe(true);
      expect(isValidSlug(derivedSlug(title, '2020-02-29'))).toBe(true);
    }
  });
});
