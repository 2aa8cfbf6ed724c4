/**
 * schema.org NewsArticle for every article page, and its safe serialisation.
 *
 * A JSON-LD block sits in a `<script>` element, which ends at the first `</script` the
 * parser meets, whatever JSON says: frontmatter is editor text, so `<`, `>` and `&` are
 * written as `\u003c`, `\u003e`, `\u0026` (still the same JSON string), and U+2028/U+2029
 * are escaped for old JavaScript parsers.
 */
import type { ArticleLike } from './article-shape.ts';
import { lastModified } from './article-shape.ts';
import { machineDate } from './dates.ts';

export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface NewsArticleContext {
  /** Absolute URL of the article page. */
  url: string;
  timeZone: string;
  /** The archive itself, which republishes the article. */
  archive: { name: string; url: string };
  /** The role label of the 责任编辑. */
  editorRole: string;
  description: string;
  /** Absolute URLs of the article's photos, if any. */
  images?: string[];
  language: string;
}

export function newsArticleJsonLd(article: ArticleLike, context: NewsArticleContext): Record<string, unknown> {
  const { data } = article;
  const published = machineDate(data.date, context.timeZone);
  const modified = machineDate(lastModified(article), context.timeZone);
  const person = (name: string, role: string) => ({ '@type': 'Person', name, jobTitle: role });
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': context.url,
    url: context.url,
    mainEntityOfPage: context.url,
    headline: data.title,
    description: context.description,
    inLanguage: context.language,
    datePublished: published,
    dateModified: modified,
    author: data.authors.map((credit) => person(credit.name, credit.role)),
    ...(data.editor ? { editor: person(data.editor, context.editorRole) } : {}),
    // The publication that printed the article; the archive is where this copy lives.
    publisher: { '@type': 'NewsMediaOrganization', name: data.source.name, ...(data.source.url ? { url: new URL(data.source.url).origin } : {}) },
    isPartOf: { '@type': 'WebSite', name: context.archive.name, url: context.archive.url },
    ...(data.source.url ? { isBasedOn: data.source.url } : {}),
    ...(data.section ? { articleSection: data.section } : {}),
    ...(data.tags.length > 0 ? { keywords: data.tags.join(',') } : {}),
    ...(context.images && context.images.length > 0 ? { image: context.images } : {}),
    ...(data.corrections.length > 0
      ? { correction: data.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: machineDate(c.date, context.timeZone) })) }
      : {}),
  };
}
