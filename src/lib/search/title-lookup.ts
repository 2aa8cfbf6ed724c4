/**
 * The title lookup: a reader who types or pastes an article's whole title (the commonest
 * known-item search) sees that article before Pagefind has answered. Every indexed page's
 * title, folded and stripped of spaces and punctuation (`titleKey`), is hashed into one of
 * `buckets` small files (`/pagefind/titles/<n>.json`); the browser fetches the one bucket
 * its query hashes to, a request of about a kilobyte that does not grow with the archive,
 * because the number of buckets grows with it (`titleBucketCount`).
 *
 * An entry carries what a result shows (title, date, source, the text's opening) and the
 * page's Pagefind id, so the complete answer keeps the hit in the place it was shown.
 * Shared by the build (`title-lookup-files.ts`) and the browser (`engine.ts`).
 */
import { hashBucket, hashBucketCount } from './hash-bucket.ts';
import { foldQuery, type CharFolder } from './fold.ts';

/** Where the buckets live, under `/pagefind/`. */
export const TITLE_FOLDER = 'titles';

/** About this many titles share a bucket, whatever the archive's size. */
export const TITLES_PER_BUCKET = 8;

/**
 * At most this many pages of one title are kept (the newest): a daily column's title
 * ("国内联播快讯") would otherwise fill its bucket with thousands.
 */
export const PAGES_PER_TITLE = 10;

/** Characters of the text's opening kept for the shown excerpt (it shows about 90). */
export const LEAD_LENGTH = 100;

/** What the manifest (`ShardManifest.titles`) says of the lookup. */
export interface TitleLookupInfo {
  /** How many bucket files there are, a power of two: `0.json` to `<buckets - 1>.json`. */
  buckets: number;
}

/** One page in a bucket, as the browser reads it. */
export interface TitleEntry {
  /** `titleKey` of the page's title. */
  key: string;
  /** Pagefind's page id (its fragment's name), so the complete answer can keep the hit in place. */
  id: string;
  /** The page's URL as Pagefind has it (without the site's base). */
  url: string;
  title: string;
  date: string | undefined;
  source: string | undefined;
  /** The first `LEAD_LENGTH` characters of the page's text after its title. */
  lead: string;
}

/** An entry on the wire: an array rather than an object, to keep the bucket small. */
export type TitleEntryWire = [key: string, id: string, url: string, title: string, date: string, source: string, lead: string];

/**
 * A title as the lookup compares it: folded as the index folds (Traditional to Simplified,
 * full width to ASCII, lower case), without spaces, punctuation or symbols, so "习近平：…"
 * typed as "习近平 …" still matches.
 */
export function titleKey(text: string, fold: CharFolder): string {
  return foldQuery(text, fold).replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * A page's text (read back from the index) after the title it opens with, compared as
 * `titleKey` compares, so a title in several blocks or with spaces is still recognised;
 * all of `text` when it does not open with the title. Results show this as their excerpt.
 */
export function textAfterTitle(text: string, title: string, fold: CharFolder): string {
  const key = [...titleKey(title, fold)];
  const chars = [...text];
  let matched = 0;
  let at = 0;
  for (; at < chars.length && matched < key.length; at++) {
    for (const char of titleKey(chars[at] ?? '', fold)) {
      if (char !== key[matched]) return text;
      matched++;
    }
  }
  return matched === key.length && key.length > 0 ? chars.slice(at).join('').trim() : text;
}

/** Buckets for `pages` indexed pages: the power of two that keeps about `TITLES_PER_BUCKET` in each. */
export const titleBucketCount = (pages: number): number => hashBucketCount(pages, TITLES_PER_BUCKET);

/** The bucket a title's key falls in (`hashBucket`). */
export const titleBucket = hashBucket;

export const toWire = (entry: TitleEntry): TitleEntryWire => [entry.key, entry.id, entry.url, entry.title, entry.date ?? '', entry.source ?? '', entry.lead];

export const fromWire = ([key, id, url, title, date, source, lead]: TitleEntryWire): TitleEntry => ({ key, id, url, title, date: date || undefined, source: source || undefined, lead });

/**
 * The bucket files' contents, by bucket number (every bucket, empty ones too, so the
 * browser never asks for a missing file): per title the newest `PAGES_PER_TITLE` pages,
 * newest first, then by URL so the same pages always give the same files.
 */
export function titleBuckets(entries: readonly TitleEntry[], buckets: number): TitleEntryWire[][] {
  const byKey = new Map<string, TitleEntry[]>();
  for (const entry of entries) {
    if (!entry.key) continue;
    let pages = byKey.get(entry.key);
    if (!pages) byKey.set(entry.key, (pages = []));
    pages.push(entry);
  }
  const files: TitleEntryWire[][] = Array.from({ length: buckets }, () => []);
  for (const key of [...byKey.keys()].sort()) {
    const newest = (byKey.get(key) ?? [])
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
      .slice(0, PAGES_PER_TITLE);
    files[titleBucket(key, buckets)]?.push(...newest.map(toWire));
  }
  return files;
}

/** The pages of a bucket whose title is `key`, in the bucket's order (newest first). */
export function pagesTitled(bucket: unknown, key: string): TitleEntry[] {
  if (!Array.isArray(bucket)) return [];
  return bucket.filter((entry): entry is TitleEntryWire => Array.isArray(entry) && entry.length === 7 && entry.every((field) => typeof field === 'string') && entry[0] === key).map(fromWire);
}
