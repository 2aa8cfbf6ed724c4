import { describe, expect, it } from 'vitest';
import { checkArticleText } from '../../../src/lib/content-check.ts';
import { parseArticleFile } from '../../../src/lib/frontmatter.ts';
import { buildNewArticle, missingAnswers, parseCredit } from '../../../src/lib/import/new-article.ts';

const zone = 'Asia/Shanghai';
// 2024-03-05 10:30 UTC is 18:30 in Shanghai.
const now = Date.UTC(2024, 2, 5, 10, 30);

describe('buildNewArticle', () => {
  it('builds a file that passes the build check, dated now in the site time zone with its offset', () => {
    const result = buildNewArticle({ title: '标题: 冒号', source: '邵阳新闻在线', authors: ['艾哲:记者', '刘飞：通讯员'], editor: '刘茜' }, zone, now);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { path, text, slug } = result.article;
    expect(slug).toMatch(/^biao-ti-mao-hao-20240305-[0-9a-f]{6}$/);
    expect(path).toBe(`articles/2024/03/${slug}.mdx`);
    expect(checkArticleText(text, path).problems).toEqual([]);
    expect(parseArticleFile(text).data).toEqual({
      title: '标题: 冒号',
      slug,
      date: '2024-03-05T18:30+08:00',
      source: '邵阳新闻在线',
      authors: [{ name: '艾哲', role: '记者' }, { name: '刘飞', role: '通讯员' }],
      editor: '刘茜',
    });
    expect(text).toContain('{/* 待审核 REVIEW: body: new article: write the text below');
  });

  it('uses the given date and slug', () => {
    const result = buildNewArticle({ title: 't', source: 's', date: '2017-10-17', slug: 'my-story' }, zone, now);
    expect(result.ok && result.article.path).toBe('articles/2017/10/my-story.mdx');
  });

  it('lists every problem at once: missing answers, a bad date, a bad author, a bad slug', () => {
    const result = buildNewArticle({ date: '2017-02-30', authors: ['艾哲'], slug: 'Bad Slug' }, zone, now);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      '--title is required',
      '--source is required',
      expect.stringMatching(/^--date: .*not a real day/),
      '--author "艾哲" must be name:role, such as --author 艾哲:记者',
      expect.stringMatching(/^--slug "Bad Slug" must be lower-case/),
    ]);
  });

  it('names the missing flags for non-interactive use', () => {
    expect(missingAnswers({ title: ' ', source: 'x' })).toEqual(['--title']);
    expect(parseCredit(' 王五 : 摄影 ')).toEqual({ name: '王五', role: '摄影' });
  });
});
