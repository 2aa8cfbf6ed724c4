/**
 * "Cite this article" in GB/T 7714-2015 (the Chinese national standard for references)
 * and in APA 7.
 *
 * GB/T 7714-2015 §8 (newspaper article, online):
 *   主要责任者. 题名[N/OL]. 报纸名, 出版日期[引用日期]. 获取和访问路径.
 * Up to three authors are listed, then `, 等`. The 引用日期 (the day the reader consulted
 * the page) can only be known by the reader: the build never writes its own date there, it
 * leaves a placeholder that the page script fills in with the reader's day.
 */
import type { ArticleLike } from './article-shape.ts';
import { zonedParts } from './dates.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Authors in printed order, each name once, whatever their role. */
export function citedAuthors(article: ArticleLike): string[] {
  return [...new Set(article.data.authors.map((credit) => credit.name))];
}

export interface GbtCitation {
  /** Everything before the 引用日期: `艾哲, 刘飞. 题名[N/OL]. 邵阳新闻在线, 2017-10-17`. */
  beforeAccessDate: string;
  /** Everything after it: `. https://…`. */
  afterAccessDate: string;
}

/** The GB/T 7714 reference split around the 引用日期, which the page fills in for the reader. */
export function gbtCitation(article: ArticleLike, url: string, timeZone: string): GbtCitation {
  const authors = citedAuthors(article);
  const names = authors.length > 3 ? `${authors.slice(0, 3).join(', ')}, 等` : authors.join(', ');
  const { year, month, day } = zonedParts(article.data.date.epochMs, timeZone);
  const responsible = names ? `${names}. ` : '';
  return {
    beforeAccessDate: `${responsible}${article.data.title}[N/OL]. ${article.data.source.name}, ${year}-${pad2(month)}-${pad2(day)}`,
    afterAccessDate: `. ${url}.`,
  };
}

/** The GB/T 7714 reference with a given 引用日期 text (`2024-05-01`, or a placeholder). */
export function formatGbt(citation: GbtCitation, accessDate: string): string {
  return `${citation.beforeAccessDate}[${accessDate}]${citation.afterAccessDate}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * APA 7 (newspaper article online): `Author, & Author. (2017, October 17). Title. Source. URL`.
 * Chinese names are given whole, as APA advises for names without initials; the date
 * follows APA's English form, as the style is defined in English.
 */
export function apaCitation(article: ArticleLike, url: string, timeZone: string): string {
  const authors = citedAuthors(article);
  let names = '';
  if (authors.length === 1) names = authors[0] ?? '';
  else if (authors.length > 1 && authors.length <= 20) names = `${authors.slice(0, -1).join(', ')}, & ${authors.at(-1)}`;
  else if (authors.length > 20) names = `${authors.slice(0, 19).join(', ')}, … ${authors.at(-1)}`;
  const { year, month, day } = zonedParts(article.data.date.epochMs, timeZone);
  const date = `(${year}, ${MONTHS[month - 1]} ${day})`;
  const title = article.data.title.replace(/[.。]$/, '');
  return names
    ? `${names}. ${date}. ${title}. ${article.data.source.name}. ${url}`
    : `${title}. ${date}. ${article.data.source.name}. ${url}`;
}
