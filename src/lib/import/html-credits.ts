/**
 * The people an imported article credits, gathered from the bylines the HTML importer finds
 * in the header, the body and the sign-off (issue 17: names only from evidence).
 *
 * - Only text outside links counts: link text is navigation (返回门户), another story, or at
 *   best an author's page, which the editor can confirm.
 * - A contact line (联系电话：… 联系人：张三) ends where the contact begins: its names are
 *   whoever answers the phone, not the article's authors.
 * - A byline is used whole or not at all: when any candidate fails the name check, none of
 *   its names is published and a review note quotes the line and says why.
 * - `editor` holds one person; further 责任编辑 are credited under `authors` with that role,
 *   so two people are never written as one name joined by 、.
 */
import type { ParsedByline } from './html-bylines.ts';
import type { ImportedCredit, ReviewNote } from './types.ts';
import { quoteForNote } from './note-quote.ts';

/** A line as the reader sees it, and the same line with link text blanked out. */
export interface CreditLine {
  text: string;
  outsideLinks: string;
}

/** Where a contact line starts: `联系电话：`, `邮箱：`, `地址：`, `联系我们`. */
const CONTACT = /联系|电话|手机|热线|邮箱|邮件|e-?mail|地址|邮编|传真|QQ|微信号|[\w.-]+@[\w.-]+/i;

/** The part of a line before any contact details. */
export function beforeContact(text: string): string {
  const match = CONTACT.exec(text);
  return match ? text.slice(0, match.index) : text;
}

/**
 * Reads a line with `read` (one of the byline readers) from its text outside links. When
 * that finds nothing but the full text finds names after a label, those names were link
 * text: they come back rejected, so the note tells the editor what the page showed.
 */
export function readCreditLine(line: CreditLine, read: (text: string) => ParsedByline | undefined): ParsedByline | undefined {
  const outside = read(beforeContact(line.outsideLinks));
  if (line.outsideLinks === line.text) return outside;
  if (outside && outside.credits.length + outside.editors.length + outside.rejected.length > 0) return outside;
  const full = read(beforeContact(line.text));
  if (!full) return outside;
  if (full.credits.length + full.editors.length + full.rejected.length === 0) return outside;
  return {
    credits: [], editors: [], unread: [],
    rejected: [...full.credits.map((credit) => ({ candidate: credit.name, role: credit.role })), ...full.editors.map((name) => ({ candidate: name, role: '责任编辑' })), ...full.rejected]
      .map(({ candidate, role }) => ({ candidate, role, reason: `${candidate} is the text of a link, not a name printed in the byline` })),
  };
}

export interface Credits {
  authors: ImportedCredit[];
  editors: string[];
  notes: ReviewNote[];
  /** Uses a byline read from `line`, or notes why not. */
  take(parsed: ParsedByline, line: string): void;
  /** The frontmatter fields: one `editor`, the other 责任编辑 among `authors`. */
  result(): { authors: ImportedCredit[]; editor?: string };
}

export function collectCredits(): Credits {
  const authors: ImportedCredit[] = [];
  const editors: string[] = [];
  const notes: ReviewNote[] = [];
  const noted = new Set<string>();
  return {
    authors, editors, notes,
    take(parsed, line) {
      if (parsed.rejected.length > 0) {
        // A byline spread over several lines of markup is quoted as one.
        const flatLine = line.replace(/\s+/g, ' ').trim();
        const key = `${quoteForNote(flatLine)}|${parsed.rejected.map((rejected) => rejected.candidate).join()}`;
        if (noted.has(key)) return;
        noted.add(key);
        const onlyEditors = parsed.rejected.every((rejected) => rejected.role === '责任编辑');
        const reasons = parsed.rejected.map((rejected) => rejected.reason).join('; ');
        notes.push(onlyEditors
          ? { field: 'editor', message: `the line "${quoteForNote(flatLine)}" was not used: ${reasons}; add editor: by hand if it names a person` }
          : { field: 'authors', message: `the byline "${quoteForNote(flatLine)}" was not used: ${reasons}; add authors: by hand if it names people` });
        return;
      }
      for (const credit of parsed.credits) {
        // The same person restated (`采写：南都记者 余毅菁` then `作者：余毅菁`) is credited once.
        if (!authors.some((known) => known.name === credit.name) && !editors.includes(credit.name)) authors.push(credit);
      }
      for (const name of parsed.editors) if (!editors.includes(name)) editors.push(name);
    },
    result() {
      const [editor, ...others] = editors;
      const more = others.filter((name) => !authors.some((credit) => credit.name === name)).map((name) => ({ name, role: '责任编辑' }));
      return { authors: [...authors, ...more], ...(editor === undefined ? {} : { editor }) };
    },
  };
}
