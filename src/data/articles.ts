/**
 * The published articles, loaded once per build and shared by every page (STYLE.md habit 2).
 */
import { getCollection, type CollectionEntry } from 'astro:content';

export type ArticleEntry = CollectionEntry<'articles'>;

let published: Promise<ArticleEntry[]> | undefined;

/** Every article that is not a draft, newest first; ties keep a stable order by permalink. */
export function publishedArticles(): Promise<ArticleEntry[]> {
  published ??= getCollection('articles', (entry) => !entry.data.draft).then((entries) =>
    entries.sort((a, b) => b.data.date.epochMs - a.data.date.epochMs || a.id.localeCompare(b.id)),
  );
  return published;
}
