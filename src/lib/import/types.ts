/**
 * What every importer (text capture, saved HTML page, JSON Lines record) extracts from one
 * input, before it is written as an MDX article. Parsers fill this; `write-mdx.ts` turns it
 * into a file that passes the article schema.
 */

export interface ImportedCredit {
  name: string;
  /** 记者, 通讯员, 摄影, 编辑, 校对 … */
  role: string;
}

/** One block of the body, in reading order. */
export type ImportedBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'figure'; caption: string; imageUrl?: string; credit?: string };

/** Something the importer is unsure of: written into the MDX as a review note and printed on the console. */
export interface ReviewNote {
  /** Which field or block it concerns: date, authors, editor, body … */
  field: string;
  message: string;
}

export interface ImportedArticle {
  title: string;
  /** Frontmatter date string: `2017-10-17T09:41+08:00` or `2017-10-17`; undefined when none was found. */
  date?: string;
  source?: { name: string; url?: string };
  authors: ImportedCredit[];
  /** 责任编辑, without staff codes (`杨倩_NF4425` → `杨倩`). */
  editor?: string;
  blocks: ImportedBlock[];
  summary?: string;
  section?: string;
  tags?: string[];
  /** Permalink slug when the input carries a stable id (JSONL `id`); otherwise derived by the documented rule. */
  slug?: string;
  notes: ReviewNote[];
}
