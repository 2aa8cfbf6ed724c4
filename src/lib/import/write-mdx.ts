/**
 * Turns an `ImportedArticle` into the text of an MDX article file: frontmatter in the
 * schema's field order (YAML written by the `yaml` package, so any title round-trips),
 * then the body with figures placed by `<Figure id="…" />`.
 *
 * Review notes become MDX comments at the top of the body, one per note:
 *
 *     {/* 待审核 REVIEW: date: the time had no UTC offset; +08:00 (Asia/Shanghai) was assumed *\/}
 *
 * Comments never render and the strict schema has no field for them. They are MDX
 * expressions syntactically, so a future "no expressions in articles" rule must allow
 * exactly this form; `REVIEW_NOTE_PATTERN` finds them.
 */
import { stringify } from 'yaml';
import { ARTICLE_FIELDS } from '../../schemas/article.ts';
import { escapeMdxHeading, escapeMdxText } from './mdx-escape.ts';
import type { ImportedArticle, ReviewNote } from './types.ts';

/** Starts every review note, so editors and lints can search for it. */
export const REVIEW_NOTE_MARKER = '待审核 REVIEW';
/** Matches one review note comment written by `formatReviewNote`. */
export const REVIEW_NOTE_PATTERN = /\{\/\* 待审核 REVIEW: [^\n]*?\*\/\}/g;

/** Fields the schema requires that an importer may fail to find. */
export type MissingField = 'date' | 'source';

export function missingRequiredFields(article: ImportedArticle): MissingField[] {
  const missing: MissingField[] = [];
  if (article.date === undefined || article.date.trim() === '') missing.push('date');
  if (article.source === undefined || article.source.name.trim() === '') missing.push('source');
  return missing;
}

/** One line; never closes the comment early nor unbalances braces (MDX counts them). */
function noteText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\*\//g, '* /').replace(/\{/g, '｛').replace(/\}/g, '｝').trim();
}

export function formatReviewNote(note: ReviewNote): string {
  return `{/* ${REVIEW_NOTE_MARKER}: ${noteText(note.field)}: ${noteText(note.message)} */}`;
}

export interface RenderedArticle {
  text: string;
  /** The notes written into the file: the article's own plus those the writer added. */
  notes: ReviewNote[];
}

/**
 * Renders the file. `slug` is written into the frontmatter so the permalink survives a
 * renamed file. A missing date or source is left out of the frontmatter (the file then
 * fails the schema until an editor adds it; the importer puts such files under `_review/`).
 */
export function renderArticle(article: ImportedArticle, slug: string): RenderedArticle {
  const notes: ReviewNote[] = [...article.notes];
  const figures: { id: string; caption: string; credit?: string }[] = [];
  const body: string[] = [];

  for (const block of article.blocks) {
    if (block.kind === 'heading') {
      const text = block.text.trim();
      if (text !== '') body.push(`## ${escapeMdxHeading(text)}`);
    } else if (block.kind === 'paragraph') {
      // A blank line inside a paragraph would end it in Markdown anyway; say so explicitly.
      for (const part of block.text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
        if (part.trim() !== '') body.push(escapeMdxText(part));
      }
    } else {
      const caption = block.caption.trim();
      if (caption === '') {
        notes.push({ field: 'figures', message: `a photo without a caption was left out${block.imageUrl ? ` (${block.imageUrl})` : ''}; add it with a caption if it matters` });
        continue;
      }
      const id = `figure-${figures.length + 1}`;
      figures.push({ id, caption, ...(block.credit?.trim() ? { credit: block.credit.trim() } : {}) });
      body.push(`<Figure id="${id}" />`);
      if (block.imageUrl) {
        notes.push({ field: `figures.${id}`, message: `the photo was at ${block.imageUrl} and was not downloaded; save it next to this file and add image: to the figure` });
      }
    }
  }

  const values: Record<string, unknown> = {
    title: article.title,
    slug,
    date: article.date?.trim() || undefined,
    source: article.source === undefined || article.source.name.trim() === ''
      ? undefined
      : article.source.url ? { name: article.source.name, url: article.source.url } : article.source.name,
    authors: article.authors.length > 0 ? article.authors.map(({ name, role }) => ({ name, role })) : undefined,
    editor: article.editor?.trim() || undefined,
    figures: figures.length > 0 ? figures : undefined,
    summary: article.summary?.trim() || undefined,
    section: article.section?.trim() || undefined,
    tags: article.tags && article.tags.length > 0 ? article.tags : undefined,
  };
  const frontmatter: Record<string, unknown> = {};
  for (const field of ARTICLE_FIELDS) {
    if (values[field] !== undefined) frontmatter[field] = values[field];
  }
  const yamlText = stringify(frontmatter, { version: '1.2', lineWidth: 0 });

  const parts = [...notes.map(formatReviewNote), ...body];
  const text = `---\n${yamlText}---\n${parts.length > 0 ? `\n${parts.join('\n\n')}\n` : ''}`;
  return { text, notes };
}
