import { describe, expect, test } from 'vitest';
import { paragraphs, summaryOf, truncate } from '../../../src/lib/plain-text.ts';

describe('plain text from an MDX body', () => {
  test('keeps paragraphs, drops headings, figure placements and comments', () => {
    const body = '<Figure id="a" />\n\n{/* 待审核 */}\n\n第一段，**重要**。\n\n## 小标题\n\n第二段[链接](https://x)。';
    expect(paragraphs(body)).toEqual(['第一段，重要。', '第二段链接。']);
  });

  test('summarises with the frontmatter summary, else the lead cut at a sentence end', () => {
    expect(summaryOf({ data: { title: 't', summary: '摘要' }, body: '正文' })).toBe('摘要');
    expect(summaryOf({ data: { title: 't' }, body: '第一句。第二句很长很长。' }, 6)).toBe('第一句。');
    expect(truncate('一二三四五六七八九十', 5)).toBe('一二三四…');
  });
});
