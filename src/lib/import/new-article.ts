/**
 * The pure part of `npm run new`: from an editor's answers to the text and path of a new
 * article file. The file is written by the importer's writer, so a new article and an
 * imported one look alike, and it carries one review note asking for the body, which a
 * lint can find like any other unfinished article.
 */
import { nowAsFrontmatterDate, parsePublishedDate } from '../dates.ts';
import { isValidSlug } from '../permalinks.ts';
import { derivedSlug } from './slug.ts';
import { prepareArticle, type PreparedArticle } from './target.ts';
import type { ImportedCredit } from './types.ts';

export interface NewArticleAnswers {
  title?: string | undefined;
  /** Frontmatter date; defaults to now in the site's time zone, with its offset. */
  date?: string | undefined;
  source?: string | undefined;
  /** `名字:角色` each, such as `艾哲:记者`. */
  authors?: readonly string[] | undefined;
  editor?: string | undefined;
  /** Defaults to the importer's slug rule (pinyin of the title, date, short hash). */
  slug?: string | undefined;
}

/** Answers `npm run new` cannot do without, as the flags that give them. */
export const REQUIRED_ANSWERS = [
  ['title', '--title'],
  ['source', '--source'],
] as const;

export function missingAnswers(answers: NewArticleAnswers): string[] {
  return REQUIRED_ANSWERS.filter(([field]) => !answers[field]?.trim()).map(([, flag]) => flag);
}

export function parseCredit(spec: string): ImportedCredit | string {
  const match = /^\s*([^:：]+?)\s*[:：]\s*(\S.*?)\s*$/.exec(spec);
  if (!match) return `--author "${spec}" must be name:role, such as --author 艾哲:记者`;
  return { name: match[1] ?? '', role: match[2] ?? '' };
}

export type NewArticleResult = { ok: true; article: PreparedArticle } | { ok: false; errors: string[] };

export function buildNewArticle(answers: NewArticleAnswers, timeZone: string, nowMs: number = Date.now()): NewArticleResult {
  const errors = missingAnswers(answers).map((flag) => `${flag} is required`);
  const date = answers.date?.trim() || nowAsFrontmatterDate(timeZone, nowMs);
  const checked = parsePublishedDate(date, timeZone);
  if (!checked.ok) errors.push(`--date: ${checked.message}`);
  const authors: ImportedCredit[] = [];
  for (const spec of answers.authors ?? []) {
    const credit = parseCredit(spec);
    if (typeof credit === 'string') errors.push(credit);
    else authors.push(credit);
  }
  const title = answers.title?.trim() ?? '';
  const slug = answers.slug?.trim() || derivedSlug(title, date);
  if (!isValidSlug(slug)) errors.push(`--slug "${slug}" must be lower-case ASCII letters, digits and single hyphens, such as shaoyang-party-building-2017`);
  if (errors.length > 0) return { ok: false, errors };

  const editor = answers.editor?.trim();
  const article = prepareArticle(
    {
      title,
      date,
      source: { name: answers.source?.trim() ?? '' },
      authors,
      ...(editor ? { editor } : {}),
      blocks: [],
      notes: [{ field: 'body', message: 'new article: write the text below as paragraphs separated by blank lines, then delete this note' }],
    },
    slug,
    timeZone,
  );
  if (article.problems.length > 0) return { ok: false, errors: article.problems.map((problem) => problem.message) };
  return { ok: true, article };
}
