/**
 * Stable pagination: page N keeps its articles when older or newer ones are added.
 *
 * The rule (documented in docs/browsing.md): a listing is first cut into calendar buckets
 * (the archive by month and by day; people, sources, sections and tags by year). Within
 * a bucket, articles run oldest first and pages are numbered from the oldest article:
 * page 1 holds the bucket's first `pageSize` articles and lives at the bucket's own URL,
 * page N at `<bucket>/page/N/`. A new article can only change the pages of its own
 * bucket, from the page it falls on; an article newer than all others only ever fills
 * the last page or opens a new one.
 */

export interface BucketPage<T> {
  /** 1-based, counted from the oldest article of the bucket. */
  number: number;
  total: number;
  items: T[];
}

/** Splits a bucket's articles (oldest first) into pages numbered from the oldest. */
export function pagesFromOldest<T>(oldestFirstItems: readonly T[], pageSize: number): BucketPage<T>[] {
  if (pageSize < 1) throw new Error('pageSize must be at least 1');
  const total = Math.max(1, Math.ceil(oldestFirstItems.length / pageSize));
  return Array.from({ length: total }, (_, index) => ({
    number: index + 1,
    total,
    items: oldestFirstItems.slice(index * pageSize, (index + 1) * pageSize),
  }));
}

/** The URL of page `number` of a bucket whose first page lives at `bucketPath` (ending in `/`). */
export function pagePath(bucketPath: string, number: number): string {
  return number <= 1 ? bucketPath : `${bucketPath}page/${number}/`;
}

/** The `[...page]` route parameter for a page: undefined for page 1, `page/N` after it. */
export function pageParam(number: number): string | undefined {
  return number <= 1 ? undefined : `page/${number}`;
}
