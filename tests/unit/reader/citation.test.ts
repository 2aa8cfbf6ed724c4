import { describe, expect, test } from 'vitest';
import { apaCitation, formatGbt, gbtCitation } from '../../../src/lib/citation.ts';
import { article } from './helpers.ts';

const reference = article('shaoyang', {
  title: '党的十八大以来邵阳县党建工作发展纪实之为有源头活水来',
  authors: [{ name: '艾哲', role: '记者' }, { name: '刘飞', role: '通讯员' }],
});
const url = 'https://annals.example.org/articles/shaoyang/';

describe('cite this article', () => {
  test('writes GB/T 7714 for a newspaper article online, leaving the 引用日期 to the reader', () => {
    const citation = gbtCitation(reference, url, 'Asia/Shanghai');
    expect(formatGbt(citation, '引用日期')).toBe(
      '艾哲, 刘飞. 党的十八大以来邵阳县党建工作发展纪实之为有源头活水来[N/OL]. 邵阳新闻在线, 2017-10-17[引用日期]. https://annals.example.org/articles/shaoyang/.',
    );
  });

  test('lists three authors then 等, each name once', () => {
    const many = article('m', { authors: ['甲', '乙', '丙', '丁', '甲'].map((name) => ({ name, role: '记者' })) });
    expect(gbtCitation(many, url, 'Asia/Shanghai').beforeAccessDate).toMatch(/^甲, 乙, 丙, 等\. /);
  });

  test('starts with the title when nobody is credited', () => {
    expect(gbtCitation(article('x'), url, 'Asia/Shanghai').beforeAccessDate).toBe('标题 x[N/OL]. 邵阳新闻在线, 2017-10-17');
  });

  test('writes APA 7 with the date in APA form', () => {
    expect(apaCitation(reference, url, 'Asia/Shanghai')).toBe(
      `艾哲, & 刘飞. (2017, October 17). 党的十八大以来邵阳县党建工作发展纪实之为有源头活水来. 邵阳新闻在线. ${url}`,
    );
  });
});
