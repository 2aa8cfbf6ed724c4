/**
 * Escapes plain text so that MDX (with GFM, as the site parses it) reads it back as the
 * same text, while leaving ordinary Chinese prose untouched so editors can still read it.
 *
 * Why each rule exists:
 * - `<` and `{`/`}` start JSX and JavaScript expressions in MDX: `Ct值<35` is a syntax
 *   error that fails the whole build, and `{…}` would run as code.
 * - `*`, `_`, `[`, `]`, `` ` ``, `\` are inline Markdown; `~` is GFM strikethrough, and
 *   remark-gfm accepts a single tilde, so `6~8℃……4~6℃` would strike out the text between.
 * - `|` can turn lines into a GFM table.
 * - `&name;` and `&#…;` are character references: `&amp;` must stay the five characters
 *   the source printed. A bare `&` (R&D) is left alone.
 * - At the start of a line: `#` (heading), `>` (quote), `-`/`+`/`=` (list, thematic break,
 *   setext underline), `1.`/`1)` (ordered list), and `import`/`export` (MDX reads a
 *   paragraph starting with them as JavaScript).
 * - Spaces and tabs at the start or end of a line are dropped by Markdown (and two at the
 *   end make a hard break); the outermost one is written as a numeric character
 *   reference so the text keeps them.
 *
 * Backslash escapes are used for ASCII punctuation (CommonMark allows `\` before any of
 * it); numeric references only where a backslash cannot work (spaces, letters).
 *
 * GFM autolink literals (`www.example.com`, `http://…`, e-mail addresses) are left as they
 * are: they become links, but the text a reader sees and Pagefind indexes is unchanged.
 */

/** Characters escaped wherever they occur. */
const ALWAYS = /[\\`*_{}[\]<~|]/g;
/** In a heading `#` is escaped everywhere, so a trailing ` #` is not read as a closing sequence. */
const ALWAYS_IN_HEADING = /[\\`*_{}[\]<~|#]/g;
/** A character reference MDX would decode: `&amp;`, `&#35;`, `&#x1F600;`. */
const CHARACTER_REFERENCE = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)/g;

const SPACE_REFERENCE: Record<string, string> = { ' ': '&#32;', '\t': '&#9;' };

function escapeLine(line: string, always: RegExp = ALWAYS): string {
  if (line === '') return line;
  let escaped = line.replace(always, '\\$&').replace(CHARACTER_REFERENCE, '\\&');

  const leading = /^[ \t]/.exec(escaped);
  if (leading) {
    escaped = SPACE_REFERENCE[leading[0]] + escaped.slice(1);
  } else {
    escaped = escaped
      .replace(/^[#>+=-]/, '\\$&')
      .replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2')
      .replace(/^(import|export)(?=[ \t]|$)/, (word) => `&#${word.charCodeAt(0)};${word.slice(1)}`);
  }
  const trailing = /[ \t]$/.exec(escaped);
  // A line made only of one space already became a reference above.
  if (trailing && escaped.length > 1) escaped = escaped.slice(0, -1) + SPACE_REFERENCE[trailing[0]];
  return escaped;
}

/**
 * Escapes the text of one paragraph. Single line breaks stay line breaks (soft breaks, as
 * in the source); the text must not contain a blank line, which would end the paragraph.
 */
export function escapeMdxText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines.some((line) => line.trim() === '')) {
    throw new Error('a paragraph cannot contain a blank line; split it into two paragraphs first');
  }
  return lines.map((line) => escapeLine(line)).join('\n');
}

/**
 * Escapes the text of an ATX heading (`## text`). A heading is one line: line breaks in
 * the source become spaces.
 */
export function escapeMdxHeading(text: string): string {
  return escapeLine(text.replace(/[ \t]*[\r\n]+[ \t]*/g, ' '), ALWAYS_IN_HEADING);
}
