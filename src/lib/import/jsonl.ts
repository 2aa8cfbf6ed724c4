/**
 * JSON Lines news records, one object a line, as in the xwlb corpus:
 *
 *     {"id": "xwlb-20220924-01", "date": "2022-09-24", "title": "…", "source": "央视网《新闻联播》",
 *      "url": null, "lead": "央视网消息（新闻联播）：", "subheadings": ["…"], "body": "段落\n\n段落"}
 *
 * Mapping decisions:
 * - `id` becomes the slug when it is a valid slug (see slug.ts); `url`, when present,
 *   becomes `source.url`.
 * - `lead` is the dateline the collector cut off the first paragraph (央视网消息（新闻联播）：).
 *   It is put back in front of the first paragraph, verbatim, as the reference article
 *   keeps 邵阳新闻在线讯 in its lead; when the body opens with a heading (the 联播快讯
 *   round-ups), the lead stands as its own paragraph before it. It is not a summary, so
 *   it never goes to `summary`.
 * - `subheadings` are the bold lines of the broadcast page. They stand in `body` as whole
 *   paragraphs, and those paragraphs become `## ` headings. The collector sometimes glued
 *   the lead and the text before the first bold line onto the first subheading; such an
 *   entry still marks the paragraph it ends with, when the entry is exactly the paragraphs
 *   before it run together.
 * - Paragraphs are the body split at blank lines, kept verbatim (single line breaks too).
 * - The format has no author or editor fields (broadcast transcripts), so their absence
 *   is normal and gets no review note. Missing data the format does have gets one: an
 *   empty body, a title or body that is the collector's literal `undefined`.
 * - A line that is not JSON, or lacks a title or a valid date, is an error naming the file
 *   and line; the other lines still import.
 */
import { parsePublishedDate } from '../dates.ts';
import { ImportError } from './errors.ts';
import { importSlug } from './slug.ts';
import type { ImportedArticle, ImportedBlock, ReviewNote } from './types.ts';

export interface JsonlRecordResult {
  /** 1-based line in the file. */
  line: number;
  article?: ImportedArticle;
  error?: ImportError;
}

const isHttpUrl = (text: string) => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** Paragraphs of a body: split at blank lines (which may hold spaces), empty ones dropped. */
export function splitParagraphs(body: string): string[] {
  return body.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/).filter((paragraph) => paragraph.trim() !== '');
}

/** Indexes of the paragraphs that are subheadings (see the module comment). */
export function headingIndexes(paragraphs: readonly string[], subheadings: readonly string[], lead: string): Set<number> {
  const found = new Set<number>();
  for (const raw of subheadings) {
    let wanted = raw.trim();
    if (lead !== '' && wanted.startsWith(lead)) wanted = wanted.slice(lead.length).trim();
    if (wanted === '') continue;
    let index = paragraphs.findIndex((paragraph, at) => !found.has(at) && paragraph.trim() === wanted);
    if (index === -1) {
      // The glued form lost the paragraph breaks, sometimes leaving spaces instead.
      const squeezed = wanted.replace(/\s+/g, '');
      let before = '';
      index = paragraphs.findIndex((paragraph, at) => {
        const own = paragraph.replace(/\s+/g, '');
        const matches = at > 0 && !found.has(at) && before + own === squeezed;
        before += own;
        return matches;
      });
    }
    if (index !== -1) found.add(index);
  }
  return found;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Maps one parsed record. Throws `ImportError` (with file and line) when it cannot be imported. */
export function recordToArticle(record: unknown, fileName: string, line: number): ImportedArticle {
  const fail = (message: string): never => {
    throw new ImportError(fileName, message, line);
  };
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return fail('the line is JSON but not an object; each line must be one record such as {"title": …, "date": …, "body": …}');
  }
  const fields = record as Record<string, unknown>;
  const id = text(fields['id']);
  const where = id ? ` (record ${id})` : '';

  const title = text(fields['title'])?.trim();
  if (!title) return fail(`the record has no title${where}; add a "title" or leave the record out`);

  const rawDate = fields['date'];
  if (rawDate === undefined || rawDate === null || rawDate === '') {
    return fail(`the record has no date${where}; add "date": "YYYY-MM-DD"`);
  }
  if (typeof rawDate !== 'string') return fail(`"date" must be text such as "2022-09-24"${where}, not ${JSON.stringify(rawDate)}`);
  const checked = parsePublishedDate(rawDate, 'UTC');
  if (!checked.ok) return fail(`"date" is not valid${where}: ${checked.message}`);
  const date = rawDate.trim();

  const notes: ReviewNote[] = [];
  if (title === 'undefined') {
    notes.push({ field: 'title', message: 'the record\'s title is the word "undefined" (lost by the collector); write the real headline' });
  }

  const sourceName = text(fields['source'])?.trim();
  const url = text(fields['url'])?.trim();
  if (url && !isHttpUrl(url)) notes.push({ field: 'source.url', message: `"${url}" is not a web address, so it was left out` });
  if (!sourceName) notes.push({ field: 'source', message: 'the record names no source; add the publication' });

  const lead = text(fields['lead']) ?? '';
  const body = text(fields['body']) ?? '';
  if (fields['body'] !== undefined && typeof fields['body'] !== 'string') {
    return fail(`"body" must be text with paragraphs separated by a blank line${where}`);
  }
  const subheadings = Array.isArray(fields['subheadings']) ? fields['subheadings'].filter((entry): entry is string => typeof entry === 'string') : [];
  if (body.trim() === '') {
    notes.push({ field: 'body', message: 'the record has no body text (the item may have been video only); add the transcript if there is one' });
  } else if (body.trim() === 'undefined') {
    notes.push({ field: 'body', message: 'the body is the word "undefined" (lost by the collector); add the transcript if there is one' });
  }

  const paragraphs = splitParagraphs(body);
  const headings = headingIndexes(paragraphs, subheadings, lead.trim());
  const blocks: ImportedBlock[] = paragraphs.map((paragraph, index) =>
    headings.has(index) ? { kind: 'heading', text: paragraph.trim() } : { kind: 'paragraph', text: paragraph },
  );
  if (lead.trim() !== '') {
    const first = blocks[0];
    if (first?.kind === 'paragraph') first.text = lead + first.text;
    else blocks.unshift({ kind: 'paragraph', text: lead.trim() });
  }

  return {
    title,
    date,
    ...(sourceName ? { source: { name: sourceName, ...(url && isHttpUrl(url) ? { url } : {}) } } : {}),
    authors: [],
    blocks,
    slug: importSlug({ id, title, date }),
    notes,
  };
}

/** Parses every line of a JSON Lines file; blank lines are skipped. */
export function parseJsonl(content: string, fileName: string): JsonlRecordResult[] {
  const results: JsonlRecordResult[] = [];
  const lines = content.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      results.push({ line, error: new ImportError(fileName, `the line is not valid JSON (${reason}); fix or remove it`, line) });
      return;
    }
    try {
      results.push({ line, article: recordToArticle(record, fileName, line) });
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      results.push({ line, error });
    }
  });
  return results;
}
