import { describe, expect, it } from 'vitest';
import { BodyRenderError, renderBody } from '../../src/lib/article-body.ts';

const html = (body: string) => renderBody(body, 'test.mdx').segments.map((segment) => (segment.kind === 'html' ? segment.html : `[figure ${segment.id}]`)).join('\n');

describe('renderBody', () => {
  it('splits the body where figures stand and gives headings rehype-slug ids', () => {
    const rendered = renderBody('<Figure id="lead" />\n\n第一段。\n\n## 抓思想转作风,围绕大局抓教育\n\n第二段。\n', 'test.mdx');
    expect(rendered.segments[0]).toEqual({ kind: 'figure', id: 'lead' });
    expect(rendered.headings).toEqual([{ depth: 2, slug: '抓思想转作风围绕大局抓教育', text: '抓思想转作风,围绕大局抓教育' }]);
    expect(html('第一段。\n')).toBe('<p>第一段。</p>');
  });

  it('prints escaped MDX characters as the text they stand for, and drops review comments', () => {
    expect(html('{/* 待审核 REVIEW: date */}\n\nCt值\\<35，\\{注\\}\n')).toBe('<p>Ct值&#x3C;35，{注}</p>');
  });

  it('refuses what the MDX policy refuses, naming the file and line', () => {
    expect(() => renderBody('正文。\n\n{process.env.HOME}\n', 'a.mdx')).toThrow(BodyRenderError);
    expect(() => renderBody('正文。\n\n{process.env.HOME}\n', 'a.mdx')).toThrow(/a\.mdx:3: mdxFlowExpression/);
  });

  it('ends an autolinked address at the first character that cannot be in a URL', () => {
    expect(html('网站（www.kzjn80.cn）和相关平台账号将开通。\n')).toBe('<p>网站（<a href="http://www.kzjn80.cn">www.kzjn80.cn</a>）和相关平台账号将开通。</p>');
    expect(html('[链接](https://example.com/中文)\n')).toBe('<p><a href="https://example.com/%E4%B8%AD%E6%96%87">链接</a></p>');
  });
});
