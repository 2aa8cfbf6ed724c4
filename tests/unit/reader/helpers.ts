import type { ArticleLike } from '../../../src/lib/article-shape.ts';
import { parsePublishedDate, type PublishedDate } from '../../../src/lib/dates.ts';

export function date(text: string): PublishedDate {
  const result = parsePublishedDate(text, 'Asia/Shanghai');
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** A plain article object for the logic under test. */
export function article(id: string, fields: Partial<Omit<ArticleLike['data'], 'date'>> & { date?: string; body?: string } = {}): ArticleLike {
  const { date: when = '2017-10-17T09:41+08:00', body = '', ...data } = fields;
  return {
    id,
    body,
    data: { title: `标题 ${id}`, source: { name: '邵阳新闻在线' }, authors: [], tags: [], corrections: [], ...data, date: date(when) },
  };
}
