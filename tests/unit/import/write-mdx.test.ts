import { describe, expect, it } from 'vitest';
import { checkArticleText } from '../../../src/lib/content-check.ts';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';
import { readMdxBlocks } from '../../../src/lib/import/mdx-blocks.ts';
import type { ImportedArticle } from '../../../src/lib/import/types.ts';
import { REVIEW_NOTE_MARKER, REVIEW_NOTE_PATTERN, missingRequiredFields, renderArticle } from '../../../src/lib/import/write-mdx.ts';
import { ARTICLE_FIELDS } from '../../../src/schemas/article.ts';

const article: ImportedArticle = {
  title: '标题: "引号" # 井号 — 【栏目】',
  date: '2017-10-17T09:41+08:00',
  source: { name: '邵阳新闻在线', url: 'https://www.shaoyangnews.net/a.html' },
  authors: [{ name: '艾哲', role: '记者' }, { name: '刘飞', role: '通讯员' }],
  editor: '刘茜',
  blocks: [
    { kind: 'figure', caption: '县委书记蒋伟(前排右一)深入基层访民情。' },
    { kind: 'paragraph', text: '邵阳新闻在线讯(记者 艾哲 通讯员 刘飞)核酸检测Ct值<35。' },
    { kind: 'heading', text: '抓思想转作风,围绕大局抓教育' },
    { kind: 'paragraph', text: '第二段。\n\n第三段被空行分开。' },
    { kind: 'figure', caption: '气势恢宏的振羽广场', credit: '摄影 李明', imageUrl: 'https://example.com/p.jpg' },
  ],
  tags: ['党建'],
  notes: [{ field: 'date', message: 'the time had no offset; +08:00 assumed */ {x}' }],
};

describe('renderArticle', () => {
  const { text, notes } = renderArticle(article, 'dang-de-20171017-abcdef');
  const parsed = parseArticleFile(text);

  it('writes a file that passes the same check as the build', () => {
    expect(checkArticleText(text, 'articles/2017/10/dang-de-20171017-abcdef.mdx').problems).toEqual([]);
  });

  it('writes frontmatter fields in the schema order and round-trips every value', () => {
    const keys = Object.keys(parsed.data ?? {});
    expect(keys).toEqual(ARTICLE_FIELDS.filter((field) => keys.includes(field)));
    expect(parsed.data).toEqual({
      title: article.title,
      slug: 'dang-de-20171017-abcdef',
      date: '2017-10-17T09:41+08:00',
      source: { name: '邵阳新闻在线', url: 'https://www.shaoyangnews.net/a.html' },
      authors: article.authors,
      editor: '刘茜',
      figures: [
        { id: 'figure-1', caption: '县委书记蒋伟(前排右一)深入基层访民情。' },
        { id: 'figure-2', caption: '气势恢宏的振羽广场', credit: '摄影 李明' },
      ],
      tags: ['党建'],
    });
  });

  it('writes a source without url as the plain name, like the reference article', () => {
    const plain = renderArticle({ ...article, source: { name: '邵阳新闻在线' } }, 's').text;
    expect(parseArticleFile(plain).data?.['source']).toBe('邵阳新闻在线');
  });

  it('places each figure once where it stood, and keeps headings and paragraphs in order', () => {
    const blocks = readMdxBlocks(parsed.body).filter((block) => block.kind !== 'comment');
    expect(blocks).toEqual([
      { kind: 'figure', id: 'figure-1' },
      { kind: 'paragraph', text: '邵阳新闻在线讯(记者 艾哲 通讯员 刘飞)核酸检测Ct值<35。' },
      { kind: 'heading', depth: 2, text: '抓思想转作风,围绕大局抓教育' },
      { kind: 'paragraph', text: '第二段。' },
      { kind: 'paragraph', text: '第三段被空行分开。' },
      { kind: 'figure', id: 'figure-2' },
    ]);
  });

  it('writes review notes as MDX comments at the top of the body, which render nothing', () => {
    const blocks = readMdxBlocks(parsed.body);
    const comments = blocks.filter((block) => block.kind === 'comment');
    expect(blocks.slice(0, comments.length)).toEqual(comments);
    expect(comments.map((comment) => comment.kind === 'comment' && comment.text)).toEqual([
      `${REVIEW_NOTE_MARKER}: date: the time had no offset; +08:00 assumed * / ｛x｝`,
      `${REVIEW_NOTE_MARKER}: figures.figure-2: the photo was at https://example.com/p.jpg and was not downloaded; save it next to this file and add image: to the figure`,
    ]);
    expect(parsed.body.match(REVIEW_NOTE_PATTERN)).toHaveLength(2);
    expect(notes).toHaveLength(2);
  });

  it('leaves a missing date out, so the file cannot be published until an editor adds one', () => {
    const undated: ImportedArticle = { ...article, notes: [] };
    delete undated.date;
    expect(missingRequiredFields(undated)).toEqual(['date']);
    const problems = checkArticleText(renderArticle(undated, 'x').text, 'x.mdx').problems;
    expect(problems.map((problem) => problem.field)).toEqual(['date']);
  });

  it('writes an article without figures, authors or body', () => {
    const bare: ImportedArticle = { title: '只有标题', date: '2022-09-30', source: { name: '央视网《新闻联播》' }, authors: [], blocks: [], notes: [] };
    const rendered = renderArticle(bare, 'xwlb-20220930-05').text;
    expect(rendered).toBe('---\ntitle: 只有标题\nslug: xwlb-20220930-05\ndate: 2022-09-30\nsource: 央视网《新闻联播》\n---\n');
    expect(checkArticleText(rendered, 'x.mdx').problems).toEqual([]);
  });
});
