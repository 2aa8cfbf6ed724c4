import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingIndexes, parseJsonl } from '../../../src/lib/import/jsonl.ts';
import { prepareArticle } from '../../../src/lib/import/target.ts';

const file = join(import.meta.dirname, 'fixtures', 'jsonl', 'records.jsonl');
const results = parseJsonl(readFileSync(file, 'utf8'), 'records.jsonl');
const byLine = new Map(results.map((result) => [result.line, result]));

describe('parseJsonl', () => {
  it('imports the good lines and reports each bad one with file and line, skipping blank lines', () => {
    expect(results.map((result) => [result.line, result.error ? 'error' : 'ok'])).toEqual([
      [1, 'ok'], [2, 'ok'], [3, 'ok'], [4, 'error'], [5, 'error'], [6, 'error'], [7, 'error'], [9, 'ok'],
    ]);
    expect(byLine.get(4)?.error?.format()).toMatch(/^records\.jsonl:4: the line is not valid JSON/);
    expect(byLine.get(5)?.error?.format()).toMatch(/^records\.jsonl:5: the record has no title \(record demo-20240101-05\)/);
    expect(byLine.get(6)?.error?.format()).toMatch(/^records\.jsonl:6: the record has no date .*add "date": "YYYY-MM-DD"/);
    expect(byLine.get(7)?.error?.format()).toMatch(/^records\.jsonl:7: "date" is not valid .*not a real day/);
  });

  it('maps id, date, title, source and url, and puts the lead back in front of the first paragraph', () => {
    const article = byLine.get(1)?.article;
    expect(article).toMatchObject({
      slug: 'demo-20240101-01',
      title: '【栏目】新年第一天',
      date: '2024-01-01',
      source: { name: '示例电视台《新闻》', url: 'https://example.com/v/1.shtml' },
      authors: [],
      notes: [],
    });
    expect(article?.blocks).toEqual([
      { kind: 'paragraph', text: '示例台消息（新闻）：第一段，核酸检测Ct值<35。' },
      { kind: 'paragraph', text: '第二段 {大括号} 与 6~8℃ 和 4~6℃。' },
      { kind: 'paragraph', text: '*星号* 与 [方括号]。' },
    ]);
  });

  it('turns subheadings into headings, with the lead standing alone before a round-up', () => {
    expect(byLine.get(2)?.article?.blocks).toEqual([
      { kind: 'paragraph', text: '示例台消息（新闻）：' },
      { kind: 'heading', text: '第一条快讯' },
      { kind: 'paragraph', text: '第一条的正文。' },
      { kind: 'heading', text: '第二条快讯' },
      { kind: 'paragraph', text: '第二条的正文。' },
    ]);
  });

  it('finds a subheading the collector glued to the paragraphs before it', () => {
    expect(byLine.get(3)?.article?.blocks.map((block) => block.kind)).toEqual(['paragraph', 'paragraph', 'heading', 'paragraph']);
    expect(headingIndexes(['甲。', '乙。', '标题', '正文。'], ['前导：甲。 乙。标题'], '前导：')).toEqual(new Set([2]));
  });

  it('derives a slug when the id is not one, and notes an empty body but never the absent authors', () => {
    const article = byLine.get(9)?.article;
    expect(article?.slug).toMatch(/^zhi-you-shi-pin-20240102-[0-9a-f]{6}$/);
    expect(article?.notes.map((note) => note.field)).toEqual(['body']);
  });

  it('writes every good record to a file that passes the build check, in its year and month', () => {
    for (const result of results) {
      if (!result.article) continue;
      const prepared = prepareArticle(result.article, result.article.slug ?? '', 'Asia/Shanghai');
      expect(prepared.problems).toEqual([]);
      expect(prepared.path).toMatch(/^articles\/2024\/01\//);
    }
  });
});
