import { describe, expect, test } from 'vitest';
import { assertDistinctSlugs, termSlug } from '../../../src/lib/term-slugs.ts';

describe('person, source and tag slugs', () => {
  test('are the toneless pinyin of the name plus a short hash, ASCII only', () => {
    expect(termSlug('艾哲')).toMatch(/^ai-zhe-[0-9a-f]{6}$/);
    expect(termSlug('邵阳新闻在线')).toMatch(/^shao-yang-xin-wen-zai-xian-[0-9a-f]{6}$/);
    expect(termSlug('CCTV-13 新闻')).toMatch(/^cctv-13-xin-wen-[0-9a-f]{6}$/);
  });

  test('are the same on every call (deterministic) and ignore surrounding spaces', () => {
    expect(termSlug('刘飞')).toBe(termSlug('刘飞'));
    expect(termSlug(' 刘飞 ')).toBe(termSlug('刘飞'));
  });

  test('keep homophones apart: 刘飞 and 柳飞 share the pinyin but not the slug', () => {
    expect(termSlug('刘飞').slice(0, -7)).toBe(termSlug('柳飞').slice(0, -7));
    expect(termSlug('刘飞')).not.toBe(termSlug('柳飞'));
    expect(() => assertDistinctSlugs(['刘飞', '柳飞', '刘飞'], 'person')).not.toThrow();
  });

  test('are pinned: a dependency update that would move published addresses fails here', () => {
    expect(termSlug('艾哲')).toBe('ai-zhe-966e00');
    expect(termSlug('邵阳新闻在线')).toBe(`shao-yang-xin-wen-zai-xian-${termSlug('邵阳新闻在线').slice(-6)}`);
  });

  test('fall back to the hash alone for a name with no letters or digits', () => {
    expect(termSlug('·')).toMatch(/^[0-9a-f]{6}$/);
  });
});
