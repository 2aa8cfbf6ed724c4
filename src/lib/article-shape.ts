/**
 * The part of an article entry the listing, feed and page logic reads. Astro's collection
 * entries satisfy it structurally, so the logic in `src/lib/` stays framework-free and is
 * unit-tested with plain objects.
 */
import type { PublishedDate } from './dates.ts';

export interface ArticleLike {
  /** The permalink slug. */
  id: string;
  /** The raw MDX body, when the loader keeps it (used for summaries and text similarity). */
  body?: string | undefined;
  data: {
    title: string;
    date: PublishedDate;
    source: { name: string; url?: string | undefined };
    authors: readonly { name: string; role: string }[];
    editor?: string | undefined;
    section?: string | undefined;
    tags: readonly string[];
    summary?: string | undefined;
    corrections: readonly { date: PublishedDate; text: string }[];
  };
}

/** Newest first; ties keep a stable order by permalink (the order `publishedArticles()` returns). */
export function newestFirst<T extends ArticleLike>(a: T, b: T): number {
  return b.data.date.epochMs - a.data.date.epochMs || a.id.localeCompare(b.id);
}

/** Oldest first, the reverse of `newestFirst`. */
export function oldestFirst<T extends ArticleLike>(a: T, b: T): number {
  return -newestFirst(a, b);
}

/** The moment the article last changed: its latest correction, else its publication. */
export function lastModified(article: ArticleLike): PublishedDate {
  let latest = article.data.date;
  for (const correction of article.data.corrections) {
    if (correction.date.epochMs > latest.epochMs) latest = correction.date;
  }
  return latest;
}
