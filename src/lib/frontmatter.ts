/**
 * Splits an article file into frontmatter and body and parses the frontmatter strictly.
 *
 * YAML 1.2 core schema, so `2017-10-17T09:41` stays the string the editor typed (js-yaml's
 * timestamp type would turn it into UTC and `2017-02-30` into March); duplicate keys are
 * errors; every problem carries the line it is on, counted in the whole file.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export interface FrontmatterProblem {
  /** 1-based line in the file, when known. */
  line?: number;
  /** Dotted field path, when the problem belongs to one field. */
  field?: string;
  message: string;
}

export interface ParsedFile {
  /** The frontmatter as plain data, or undefined when it could not be read. */
  data: Record<string, unknown> | undefined;
  /** The body after the closing `---`. */
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  problems: FrontmatterProblem[];
  /** 1-based line where a frontmatter field (dotted path, numeric indexes) is written, if it is. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

const OPENING = /^---[ \t]*$/;

const closingLine = (lines: readonly string[]) => lines.findIndex((line, index) => index > 0 && OPENING.test(line));
const linesOf = (text: string) => (text.startsWith('\uFEFF') ? text.slice(1) : text).split(/\r?\n/);

/**
 * The body of a checked article file, as `parseArticleFile` gives it, without parsing the
 * frontmatter: pages read bodies from the files (src/data/articles.ts), several times per
 * build, and the YAML parse was most of that.
 */
export function bodyOfArticleFile(text: string): string {
  const lines = linesOf(text);
  const closing = OPENING.test(lines[0] ?? '') ? closingLine(lines) : -1;
  return closing === -1 ? '' : lines.slice(closing + 1).join('\n');
}

export function parseArticleFile(text: string): ParsedFile {
  const problems: FrontmatterProblem[] = [];
  const noLine = () => undefined;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = linesOf(source);

  if (source.trim() === '') {
    return { data: undefined, body: '', bodyLine: 1, lineOf: noLine, problems: [{ line: 1, message: 'the file is empty; an article starts with a --- line, its frontmatter, a closing --- line and the body' }] };
  }
  const first = lines[0] ?? '';
  if (/^---\s*(js|javascript|coffee|json|toml)\b/i.test(first)) {
    return { data: undefined, body: '', bodyLine: 1, lineOf: noLine, problems: [{ line: 1, message: `"${first.trim()}" frontmatter is refused (it would run code or use another format); start the file with a plain --- line and write YAML` }] };
  }
  if (!OPENING.test(first)) {
    return { data: undefined, body: source, bodyLine: 1, lineOf: noLine, problems: [{ line: 1, message: 'the file does not start with a --- line; put the frontmatter (title:, date:, source: …) between two --- lines at the very top' }] };
  }
  const closing = closingLine(lines);
  if (closing === -1) {
    return { data: undefined, body: '', bodyLine: 1, lineOf: noLine, problems: [{ line: 1, message: 'the frontmatter opened on line 1 is never closed; add a line with only --- after the last field' }] };
  }

  const yamlText = lines.slice(1, closing).join('\n');
  const body = lines.slice(closing + 1).join('\n');
  const bodyLine = closing + 2;
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(yamlText, { version: '1.2', schema: 'core', uniqueKeys: true, lineCounter, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  for (const error of doc.errors) {
    // The YAML starts on the file's second line.
    const line = lineAt(error.pos[0]) + 1;
    const raw = lines[line - 1] ?? '';
    let message = error.message.split('\n')[0] ?? error.message;
    if (error.code === 'DUPLICATE_KEY') message = 'this key appears twice; keep one of the two lines';
    else if (/：/.test(raw) && !/:\s/.test(raw)) message = 'this line uses a full-width colon (：); write the field name with an ASCII colon and a space, such as title: 标题';
    else if (/^\s*\w+:\s+[^'"].*:\s/.test(raw)) message = `${message}; a value that contains ": " must be quoted, such as title: "甲: 乙"`;
    problems.push({ line, message: `frontmatter is not valid YAML: ${message}` });
  }

  let data: Record<string, unknown> | undefined;
  if (doc.errors.length === 0) {
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) {
      data = {};
    } else if (!isMap(contents)) {
      const fullWidth = /：/.test(yamlText);
      problems.push({
        line: 2,
        message: fullWidth
          ? 'the frontmatter uses full-width colons (：); write each field with an ASCII colon and a space, such as title: 标题'
          : 'the frontmatter must be field: value lines (title:, date:, source: …)',
      });
    } else {
      data = doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;
    }
  }

  const lineOf = (path: readonly (string | number)[]): number | undefined => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineAt(node.range[0]) + 1;
    }
    return undefined;
  };
  return { data, body, bodyLine, problems, lineOf };
}
