import { describe, expect, test } from 'vitest';
import { lastModified } from '../../../src/lib/article-shape.ts';
import { articleSchema } from '../../../src/schemas/article.ts';

const base = { title: '标题', date: '2017-10-17T09:41+08:00', source: '邵阳新闻在线' };

describe('corrections (更正) in the frontmatter', () => {
  test('are optional and default to none', () => {
    expect(articleSchema.parse(base).corrections).toEqual([]);
  });

  test('carry a date validated like date:, and a text', () => {
    const parsed = articleSchema.parse({ ...base, corrections: [{ date: '2017-10-18T10:00+08:00', text: '人数更正为1306人。' }] });
    expect(parsed.corrections[0]?.date.iso).toBe('2017-10-18T10:00:00+08:00');
    expect(parsed.corrections[0]?.text).toBe('人数更正为1306人。');
  });

  test('refuse a time without offset, an impossible day, an empty text and unknown fields', () => {
    const fails = (correction: unknown) => articleSchema.safeParse({ ...base, corrections: [correction] }).success;
    expect(fails({ date: '2017-10-18T10:00', text: 'x' })).toBe(false);
    expect(fails({ date: '2017-02-30', text: 'x' })).toBe(false);
    expect(fails({ date: '2017-10-18', text: ' ' })).toBe(false);
    expect(fails({ date: '2017-10-18', text: 'x', by: '刘茜' })).toBe(false);
  });

  test('make the latest correction the article’s last modification', () => {
    const parsed = articleSchema.parse({ ...base, corrections: [{ date: '2017-10-20', text: 'b' }, { date: '2017-10-18', text: 'a' }] });
    expect(lastModified({ id: 'x', data: parsed }).iso).toBe('2017-10-20');
  });
});
