import { describe, expect, test } from 'vitest';
import { newsArticleJsonLd, serializeJsonLd } from '../../../src/lib/json-ld.ts';
import { article, date } from './helpers.ts';

const context = {
  url: 'https://annals.example.org/articles/a/',
  timeZone: 'Asia/Shanghai',
  archive: { name: '邵阳新闻档案', url: 'https://annals.example.org/' },
  editorRole: '责任编辑',
  description: '摘要',
  language: 'zh-CN',
};

describe('NewsArticle JSON-LD', () => {
  test('cannot be closed by a title containing </script>, and still parses back to the same text', () => {
    const hostile = article('a', { title: '标题</script><script>alert(1)</script> & <!--' });
    const json = serializeJsonLd(newsArticleJsonLd(hostile, context));
    expect(json).not.toMatch(/<|>|&/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json).headline).toBe('标题</script><script>alert(1)</script> & <!--');
  });

  test('escapes the line separators JavaScript once refused in strings', () => {
    expect(serializeJsonLd({ text: 'a\u2028b\u2029c' })).toBe('{"text":"a\\u2028b\\u2029c"}');
  });

  test('carries headline, dates with their offset, people with roles, publisher and the original URL', () => {
    const data = newsArticleJsonLd(
      article('a', {
        title: '标题',
        date: '2017-10-17T09:41+08:00',
        source: { name: '邵阳新闻在线', url: 'https://www.shaoyangnews.net/a.html' },
        authors: [{ name: '艾哲', role: '记者' }],
        editor: '刘茜',
        corrections: [{ date: date('2017-10-19'), text: '更正' }, { date: date('2017-10-18T10:00+08:00'), text: '更正' }],
      }),
      context,
    );
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      headline: '标题',
      datePublished: '2017-10-17T09:41:00+08:00',
      dateModified: '2017-10-19',
      author: [{ '@type': 'Person', name: '艾哲', jobTitle: '记者' }],
      editor: { '@type': 'Person', name: '刘茜', jobTitle: '责任编辑' },
      publisher: { '@type': 'NewsMediaOrganization', name: '邵阳新闻在线', url: 'https://www.shaoyangnews.net' },
      isBasedOn: 'https://www.shaoyangnews.net/a.html',
    });
  });

  test('has dateModified equal to datePublished without corrections, and no isBasedOn without a source URL', () => {
    const data = newsArticleJsonLd(article('a'), context);
    expect(data['dateModified']).toBe(data['datePublished']);
    expect(data).not.toHaveProperty('isBasedOn');
  });
});
