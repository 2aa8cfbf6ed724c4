/**
 * Plain-text page captures (what a browser's "save as text" or a copy of the page gives):
 *
 *     标题
 *     【时间:2017-10-17 09:41】【来源:邵阳新闻在线艾哲 刘飞【字体:
 *     photo caption(s)
 *     邵阳新闻在线讯(记者 艾哲 通讯员 刘飞)the lead…
 *     paragraphs, with short section headings between them
 *     photo caption(s)
 *     相关内容 / 分享到: / 责任编辑:刘茜 / 猜你喜欢 / 关于我们 … / Copyright …
 *
 * Photos are gone in a capture; only their captions stand alone on a line. Which lines are
 * captions, headings or paragraphs is decided by position and shape (see `classify`), and
 * every line the rule is unsure of gets a review note.
 *
 * Body text is kept verbatim, including the lead with its dateline and byline, as the
 * hand-converted reference article keeps it; only indentation around a line is dropped.
 */
import { ImportError } from './errors.ts';
import { localDateToFrontmatter } from './local-date.ts';
import { checkPersonName, splitPeople } from './person-name.ts';
import type { ImportedArticle, ImportedBlock, ImportedCredit, ReviewNote } from './types.ts';

/** Lines at which the article ends and the site's furniture begins. */
const BOILERPLATE = [
  /^相关(内容|新闻|阅读|链接)[:：]?$/,
  /^分享到[:：]?/,
  /^猜你喜欢/,
  /^(推荐|热门)阅读/,
  /^关于我们/,
  /^copyright\b/i,
  /版权所有/,
  /^(打印本页|关闭窗口|返回顶部|【?字体[:：]?)/,
  /^责任编辑[:：]/,
  /^上一篇[:：]?|^下一篇[:：]?/,
];
const EDITOR = /责任编辑\s*[:：]\s*([^\s【】]+)/;
const META = /【\s*(时间|日期|来源|作者)\s*[:：]/;
const META_FIELD = (name: string) => new RegExp(`【\\s*${name}\\s*[:：]\\s*([^【】]*)`);
/** `邵阳新闻在线讯(记者 艾哲 通讯员 刘飞)`: dateline, then the byline in brackets. */
const DATELINE = /^(.{2,24}?)(?:\d{1,2}月\d{1,2}日)?(?:讯|电)\s*[(（]([^()（）]*)[)）]/;
/** Byline roles as printed; longer ones first so 特约记者 is not read as 记者. */
const ROLES = ['特约记者', '见习记者', '实习记者', '摄影记者', '首席记者', '记者', '通讯员', '实习生', '摄影', '摄像', '编辑', '校对', '作者'];
/** Things only captions say: 图为, a photographer's credit, a position in the photo. */
const CAPTION_CUE = /图为|图片|资料图|供图|摄影|(?:^|\s)摄$|摄[)）]?$|[(（](?:前排|后排|前|后|左|右|中)[^()（）]{0,6}[)）]/;
/** A body sentence ends like this; a heading does not. */
const FINAL_PUNCTUATION = /[。！？!?；;：:…”’」』）)》]$/;

/** Headings are this short (characters) or shorter. */
export const HEADING_MAX = 30;
/** Captions around the body are this short or shorter; the body's paragraphs are longer. */
export const CAPTION_MAX = 60;

interface Line {
  text: string;
  /** 1-based line in the capture. */
  number: number;
}

function parseByline(byline: string): { credits: ImportedCredit[]; unassigned: string[]; rejected: string[] } {
  const credits: ImportedCredit[] = [];
  const unassigned: string[] = [];
  const rejected: string[] = [];
  let role: string | undefined;
  for (let token of byline.split(/[\s、,，]+/).filter(Boolean)) {
    const prefix = ROLES.find((candidate) => token.startsWith(candidate));
    if (prefix) {
      role = prefix;
      token = token.slice(prefix.length).replace(/^[:：]/, '');
      if (token === '') continue;
    }
    // Issue 17: only what looks like a person's name is credited; the rest is left for an editor.
    for (const person of splitPeople(token)) {
      const check = checkPersonName(person);
      if (!check.ok) rejected.push(check.reason);
      else if (role === undefined) unassigned.push(person);
      else credits.push({ name: person, role });
    }
  }
  return { credits, unassigned, rejected };
}

/** The header's 来源 runs into the byline's names (`邵阳新闻在线艾哲 刘飞`); take them off the end. */
function stripTrailingNames(source: string, names: readonly string[]): string {
  let rest = source.trim();
  for (let changed = true; changed;) {
    changed = false;
    for (const name of names) {
      if (name !== '' && rest.endsWith(name) && rest.length > name.length) {
        rest = rest.slice(0, -name.length).trimEnd();
        changed = true;
      }
    }
  }
  return rest;
}

function isBoilerplate(text: string): boolean {
  return BOILERPLATE.some((pattern) => pattern.test(text));
}

/** Parses one capture. Throws `ImportError` when the text is not a news page. */
export function parseTextCapture(text: string, fileName: string, timeZone: string): ImportedArticle {
  const lines: Line[] = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .map((raw, index) => ({ text: raw.trim(), number: index + 1 }))
    .filter((line) => line.text !== '');
  if (lines.length === 0) throw new ImportError(fileName, 'the file is empty; nothing to import');

  const notes: ReviewNote[] = [];
  const title = lines[0]!;
  const metaIndex = lines.findIndex((line, index) => index > 0 && index <= 4 && META.test(line.text));
  if (metaIndex === -1) {
    throw new ImportError(
      fileName,
      'does not look like a news page capture: expected the title on the first line and a 【时间:…】【来源:…】 line under it; check the file, or import the saved .html page instead',
      1,
    );
  }
  const meta = lines[metaIndex]!;

  // Everything after the first line of site furniture is not article text.
  let end = lines.findIndex((line, index) => index > metaIndex && isBoilerplate(line.text));
  if (end === -1) end = lines.length;
  const body = lines.slice(metaIndex + 1, end);
  if (body.length === 0) throw new ImportError(fileName, 'the capture has a title and a date line but no article text under them', meta.number);

  const editorMatch = lines.slice(metaIndex + 1).map((line) => EDITOR.exec(line.text)).find((match) => match !== null);
  const printedEditor = editorMatch?.[1]?.replace(/_[A-Za-z0-9]+$/, '');
  const editorCheck = printedEditor === undefined ? undefined : checkPersonName(printedEditor);
  const editor = editorCheck?.ok ? printedEditor : undefined;

  if (editorCheck && !editorCheck.ok) {
    notes.push({ field: 'editor', message: `the line "${editorMatch?.[0]}" was not used: ${editorCheck.reason}; add editor: by hand if it names a person` });
  }

  // Date.
  let date: string | undefined;
  const when = META_FIELD('(?:时间|日期)').exec(meta.text)?.[1];
  if (when === undefined) {
    notes.push({ field: 'date', message: `no 【时间:…】 in the header (line ${meta.number}); add the publication date` });
  } else {
    const result = localDateToFrontmatter(when, timeZone);
    if (!result.ok) {
      notes.push({ field: 'date', message: `the header's date could not be read (line ${meta.number}: ${result.message}); add the publication date` });
    } else {
      date = result.date;
      if (result.offsetAssumed) {
        notes.push({ field: 'date', message: `the page printed "${when.trim()}" without a UTC offset; the site's time zone (${timeZone}) was assumed` });
      }
    }
  }

  // The lead: the first line with a dateline and byline, else the first paragraph-shaped line.
  let leadIndex = body.findIndex((line) => DATELINE.test(line.text));
  const dateline = leadIndex === -1 ? undefined : DATELINE.exec(body[leadIndex]!.text);
  if (leadIndex === -1) {
    leadIndex = body.findIndex((line) => line.text.length > CAPTION_MAX);
    if (leadIndex === -1) leadIndex = 0;
    notes.push({ field: 'authors', message: 'no byline such as (记者 艾哲 通讯员 刘飞) in the lead; add the authors if the page names them' });
  }

  // Authors.
  const { credits, unassigned, rejected } = parseByline(dateline?.[2] ?? '');
  if (rejected.length > 0) {
    // As in the HTML importer, a byline with a candidate that is not a name is not used at all.
    notes.push({ field: 'authors', message: `the byline (${dateline?.[2]}) was not used: ${rejected.join('; ')}; add authors: by hand if it names people` });
  }
  if (unassigned.length > 0) {
    notes.push({ field: 'authors', message: `the byline names ${unassigned.join('、')} without a role; add them to authors: with their role` });
  }

  // Source: the header's text without the names that run into it, else the dateline.
  const header = META_FIELD('来源').exec(meta.text)?.[1]?.trim();
  const fromDateline = dateline?.[1]?.trim();
  let sourceName = header ? stripTrailingNames(header, [...credits.map((credit) => credit.name), ...unassigned]) : undefined;
  if (!sourceName) {
    sourceName = fromDateline;
    if (sourceName) notes.push({ field: 'source', message: `no 【来源:…】 in the header; "${sourceName}" was taken from the lead's dateline` });
  }

  // The body ends at the last paragraph-shaped line; short lines after it are captions.
  let tailStart = body.length;
  while (tailStart > leadIndex + 1 && body[tailStart - 1]!.text.length <= CAPTION_MAX) tailStart--;

  const blocks: ImportedBlock[] = [];
  const unsure = (line: Line, message: string) => notes.push({ field: 'body', message: `line ${line.number} "${line.text}": ${message}` });

  body.forEach((line, index) => {
    const { text: content } = line;
    const cue = CAPTION_CUE.test(content);
    if (index < leadIndex || index >= tailStart) {
      // Before the lead and after the last paragraph only photo captions stand alone.
      blocks.push({ kind: 'figure', caption: content });
      if (!cue) unsure(line, 'taken as a photo caption because it stands outside the article text; if it is a heading or body text, move it');
      return;
    }
    if (index === leadIndex) {
      blocks.push({ kind: 'paragraph', text: content });
      return;
    }
    if (cue && content.length <= CAPTION_MAX) {
      blocks.push({ kind: 'figure', caption: content });
      unsure(line, 'taken as a photo caption inside the article; if it is body text, make it a paragraph again');
      return;
    }
    if (content.length <= HEADING_MAX && !FINAL_PUNCTUATION.test(content)) {
      blocks.push({ kind: 'heading', text: content });
      return;
    }
    blocks.push({ kind: 'paragraph', text: content });
    if (content.length <= 40 && /[。！？!?]$/.test(content)) {
      unsure(line, 'kept as a paragraph; it is as short as a photo caption, so make it a figure if it is one');
    }
  });

  return {
    title: title.text,
    ...(date === undefined ? {} : { date }),
    ...(sourceName ? { source: { name: sourceName } } : {}),
    authors: rejected.length > 0 ? [] : credits,
    ...(editor ? { editor } : {}),
    blocks,
    notes,
  };
}
