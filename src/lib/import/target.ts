/**
 * Where an imported article is written, and the proof that the written file is valid.
 *
 * Dated articles go to `articles/YYYY/MM/<slug>.mdx`, year and month in the site's time
 * zone (the same rule as the archive pages). An article the importer could not complete
 * (no date, no source: both required by the schema) goes to `articles/_review/<slug>.mdx`:
 * folders starting with `_` are ignored by the build (`isIgnoredName` in content-check.ts),
 * so it never reaches the site until an editor completes it and moves it into its month.
 */
import { checkArticleText, type ContentProblem } from '../content-check.ts';
import { parsePublishedDate, yearMonth } from '../dates.ts';
import type { ImportedArticle } from './types.ts';
import { missingRequiredFields, renderArticle, type MissingField } from './write-mdx.ts';

/** Folder under `articles/` for articles that need an editor before they can be published. */
export const REVIEW_FOLDER = '_review';

export interface PreparedArticle {
  /** Path relative to the content root, with forward slashes: `articles/2022/09/xwlb-20220924-01.mdx`. */
  path: string;
  slug: string;
  text: string;
  /** Required fields the importer could not fill; non-empty means the file is under `_review/`. */
  missing: MissingField[];
  noteCount: number;
  /** Problems the build check finds in the file beyond the missing fields: an importer bug when non-empty. */
  problems: ContentProblem[];
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function prepareArticle(article: ImportedArticle, slug: string, timeZone: string): PreparedArticle {
  const missing = missingRequiredFields(article);
  let folder = REVIEW_FOLDER;
  if (missing.length === 0) {
    const date = parsePublishedDate(article.date ?? '', timeZone);
    if (date.ok) {
      const { year, month } = yearMonth(date.value, timeZone);
      folder = `${year}/${pad2(month)}`;
    }
  }
  const toRender: ImportedArticle = missing.length === 0 ? article : {
    ...article,
    notes: [
      { field: missing.join(', '), message: `not found in the source; this file sits in articles/${REVIEW_FOLDER}/ and is not published: add ${missing.map((field) => `${field}:`).join(' and ')} to the frontmatter, then move it to articles/YYYY/MM/` },
      ...article.notes,
    ],
  };
  const path = `articles/${folder}/${slug}.mdx`;
  const { text, notes } = renderArticle(toRender, slug);
  const problems = checkArticleText(text, path).problems.filter(
    (problem) => !(problem.field !== undefined && (missing as string[]).includes(problem.field)),
  );
  return { path, slug, text, missing, noteCount: notes.length, problems };
}
