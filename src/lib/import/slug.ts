/**
 * The importer's slug rule. Same input, same slug, same file path: importing twice finds
 * the file of the first run instead of creating a second article.
 *
 * 1. An input that carries a stable id (a JSON Lines record's `id`) keeps it, lower-cased,
 *    when that is a valid slug: `xwlb-20220924-01`.
 * 2. Otherwise (text captures, saved HTML pages, ids that are not valid slugs) the slug is
 *    `<pinyin>-<yyyymmdd>-<hash>`:
 *    - pinyin: the title's first 8 syllables without tones, joined by hyphens (Latin
 *      letters and digits in the title count as words; `ü` is written `v`);
 *    - yyyymmdd: the date as written in the source (omitted when there is none);
 *    - hash: the first 6 hex digits of SHA-256 over `title + "\n" + date`, because titles
 *      repeat (国内联播快讯 runs every day) and syllables collide (十八大, 实八大).
 *    `dang-de-shi-ba-da-yi-lai-shao-20171017-dcf78f`
 */
import { createHash } from 'node:crypto';
import { pinyin } from 'pinyin-pro';
import { isValidSlug } from '../permalinks.ts';

/** Syllables of the title kept in a derived slug. */
export const SLUG_SYLLABLES = 8;

/** ASCII words of a title: pinyin syllables for Chinese, letter and digit runs for the rest. */
export function titleWords(title: string): string[] {
  const parts = pinyin(title, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' });
  const words: string[] = [];
  for (const part of parts) {
    const ascii = part.normalize('NFKC').replace(/ü/g, 'v').toLowerCase();
    for (const word of ascii.split(/[^a-z0-9]+/)) if (word !== '') words.push(word);
  }
  return words;
}

export function shortHash(title: string, date: string | undefined): string {
  return createHash('sha256').update(`${title}\n${date ?? ''}`).digest('hex').slice(0, 6);
}

/** The `yyyymmdd` of a frontmatter date string as written (`2017-10-17T09:41+08:00` → `20171017`). */
function compactDate(date: string | undefined): string | undefined {
  const match = date === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(date.trim());
  return match ? `${match[1]}${match[2]}${match[3]}` : undefined;
}

/** The slug derived from a title and date (rule 2). */
export function derivedSlug(title: string, date: string | undefined): string {
  const words = titleWords(title).slice(0, SLUG_SYLLABLES);
  const day = compactDate(date);
  const parts = [...words, ...(day ? [day] : []), shortHash(title, date)];
  return parts.join('-');
}

/** The slug of an imported article: its id when usable (rule 1), else the derived slug (rule 2). */
export function importSlug(input: { id?: string | undefined; title: string; date?: string | undefined }): string {
  const id = input.id?.trim().toLowerCase();
  if (id && isValidSlug(id)) return id;
  return derivedSlug(input.title, input.date);
}
