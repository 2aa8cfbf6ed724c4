/**
 * The bad-input suite: every way an article can be wrong, each its own fixture under
 * `content/` and its own test. Each test asserts that the shared content check reports the
 * file, the line (where there is one), the field and what to do; that `npm run lint:content`
 * prints the same line and exits 1; and that a real `astro build` of the whole fixture
 * root prints it too, exits non-zero and publishes nothing.
 *
 * One check, one lint and one build serve all cases, so the suite costs one build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContentRoot, formatProblem, type ContentProblem } from '../../../src/lib/content-check.ts';
import { buildSite, projectRoot, tempOutDir } from '../build-helper.ts';

const ROOT = 'tests/build/bad-input/content';
const A = `${ROOT}/articles`;

interface Case {
  /** What the fixture tries. */
  name: string;
  file: string;
  line?: number;
  field?: string;
  /** What is wrong and how to fix it. */
  message: RegExp;
}

const F = (name: string, file: string, line: number | undefined, field: string | undefined, message: RegExp): Case => ({
  name,
  file: `${A}/${file}`,
  message,
  ...(line === undefined ? {} : { line }),
  ...(field === undefined ? {} : { field }),
});

export const CASES: Case[] = [
  // Executable MDX
  F('an import statement', 'import-statement/import-statement.mdx', 7, 'body', /import statements are not allowed in articles .*; remove the line/),
  F('an export statement', 'export-statement/export-statement.mdx', 7, 'body', /export statements are not allowed in articles .*; remove the line/),
  F('an expression in the text', 'expression-in-text/expression-in-text.mdx', 7, 'body', /\{1 \+ 1\} is a JavaScript expression; articles may not run code; remove it, or if you meant the braces as text, write \\\{ and \\\}/),
  F('reading an environment variable', 'env-access/env-access.mdx', 9, 'body', /\{process\.env\.HOME\} is a JavaScript expression \(it reads the build machine.*; remove it/),
  F('a dynamic import', 'dynamic-import/dynamic-import.mdx', 9, 'body', /\{await import\("node:fs"\)\} is a JavaScript expression \(it reads the build machine.*; remove it/),
  F('an expression in an attribute', 'expression-in-attribute/expression-in-attribute.mdx', 10, 'body', /<Figure id=\{"lead"\}> is a JavaScript expression; .*write a literal value in quotes, such as id="lead"/),
  F('a spread attribute', 'spread-attribute/spread-attribute.mdx', 10, 'body', /<Figure> has the JavaScript expression \{\.\.\.props\} among its attributes; .*write literal attributes/),
  F('an unknown component', 'unknown-component/unknown-component.mdx', 7, 'body', /<Chart> is not a component articles may use \(allowed: <Figure>\); remove it or fix the name/),
  F('a JSX fragment', 'jsx-fragment/jsx-fragment.mdx', 7, 'body', /a fragment <>…<\/> is JSX, not Markdown; remove the <> and <\/>/),
  F('a figure inside a paragraph', 'inline-figure/inline-figure.mdx', 10, 'body', /<Figure> stands inside a paragraph; put it on a line of its own/),
  F('a comment inside a paragraph', 'inline-comment/inline-comment.mdx', 7, 'body', /the comment .* stands inside a paragraph; put it on a line of its own/),
  // Raw HTML and dangerous URLs
  F('a <script> element', 'script-element/script-element.mdx', 9, 'body', /<script> is not allowed in articles: it would run JavaScript .*; remove it/),
  F('a <style> element', 'style-element/style-element.mdx', 9, 'body', /<style> is not allowed in articles: it would restyle the whole site; remove it/),
  F('an <iframe> element', 'iframe-element/iframe-element.mdx', 9, 'body', /<iframe> is not allowed in articles: it would embed another site in the page; remove it/),
  F('an on* event handler', 'event-handler/event-handler.mdx', 10, 'body', /<Figure> has the event handler onClick=, which would run JavaScript in readers' browsers; remove it/),
  F('a raw HTML element', 'raw-html-div/raw-html-div.mdx', 7, 'body', /raw HTML <div> is not allowed in articles .*; write it in Markdown, or if you meant < as text, write \\</),
  F('an HTML comment', 'html-comment/html-comment.mdx', 7, 'body', /the body is not valid MDX: .*to create a comment in MDX, use `\{\/\* text \*\/\}`.*write \\\{ or \\</),
  F('an unclosed brace', 'unclosed-brace/unclosed-brace.mdx', 7, 'body', /the body is not valid MDX: .*closing brace.*; if you meant \{ or < as text, write \\\{ or \\</),
  F('a javascript: link', 'javascript-link/javascript-link.mdx', 7, 'body', /link address "javascript:alert\(1\)": a javascript: address runs code when a reader clicks it; remove it or use an http\(s\) address/),
  F('a javascript: link disguised by case and a character reference', 'javascript-link-entity/javascript-link-entity.mdx', 7, 'body', /link address "JaVaScRiPt:alert\(1\)": a javascript: address runs code.*; remove it/),
  F('a javascript: link definition', 'javascript-definition/javascript-definition.mdx', 9, 'body', /link definition address "javascript:alert\(1\)": .*; remove it/),
  F('a data: image', 'data-image/data-image.mdx', 7, 'body', /image address "data:image\/svg\+xml;base64,PHN2Zz4=": a data: address embeds an unchecked file.*; remove it/),
  // Frontmatter that tries to break out of HTML, feeds or JSON-LD
  F('a javascript: source URL', 'source-url-javascript/source-url-javascript.mdx', 6, 'source.url', /source\.url must be a web address starting with http:\/\/ or https:\/\/; fix it or remove url:/),
  F('a source URL that breaks out of its attribute', 'source-url-quote/source-url-quote.mdx', 6, 'source.url', /source\.url contains "\\"", which is not allowed in a web address; write it percent-encoded \(%22\)/),
  F('a control character in the title', 'control-character/control-character.mdx', 2, 'title', /contains the invisible control character U\+0008, which HTML and feeds cannot carry; delete it/),
  // Permalinks
  F('two files with one slug', 'duplicate-slug/second-file.mdx', 5, 'slug', /permalink \/articles\/shared-story\/ is already taken by tests\/build\/bad-input\/content\/articles\/duplicate-slug\/first-file\.mdx; give one of the two articles a different slug/),
  F('a case variant of a permalink', 'case-variant/case-variant.mdx', undefined, 'slug', /is already taken by .*Case-Variant\.mdx \(the two differ only in case, Unicode form, full-width characters or spaces.*\); give one of the two articles a different slug/),
  F('a full-width variant of a permalink', 'full-width-variant/ｗｉｄｔｈ-variant.mdx', undefined, 'slug', /is already taken by .*\/width-variant\.mdx \(the two differ only in case, Unicode form, full-width/),
  F('an NFD variant of a permalink', `nfd-variant/${'café-story'.normalize('NFD') > 'café-story'.normalize('NFC') ? 'café-story'.normalize('NFD') : 'café-story'.normalize('NFC')}.mdx`, undefined, 'slug', /is already taken by .*\/caf\S*-story\.mdx \(the two differ only in case, Unicode form/),
  F('a space variant of a permalink', 'space-variant/space-variant.mdx', undefined, 'slug', /is already taken by .*space variant\.mdx \(the two differ only in case, Unicode form, full-width characters or spaces/),
  F('a file name that cannot be a permalink', 'case-variant/Case-Variant.mdx', 2, 'slug', /the file name "Case-Variant" cannot be a permalink .*; rename the file or add slug: case-variant/),
  // Dates
  F('an impossible date', 'impossible-date/impossible-date.mdx', 3, 'date', /2024-02-30 is not a real day .*; check the date in the source/),
  F('a time without its UTC offset', 'offsetless-time/offsetless-time.mdx', 3, 'date', /has a time but no UTC offset.*; write it as 2024-02-01T09:41\+08:00/),
  F('a date that is not a date', 'not-a-date/not-a-date.mdx', 3, 'date', /"昨天" is not a date; write YYYY-MM-DD/),
  // Broken YAML
  F('an unclosed frontmatter', 'unclosed-frontmatter/unclosed-frontmatter.mdx', 1, undefined, /the frontmatter opened on line 1 is never closed; add a line with only ---/),
  F('an unquoted colon in a value', 'unquoted-colon/unquoted-colon.mdx', 2, undefined, /frontmatter is not valid YAML: .*a value that contains ": " must be quoted, such as title: "甲: 乙"/),
  F('a duplicate key', 'duplicate-key/duplicate-key.mdx', 4, undefined, /frontmatter is not valid YAML: this key appears twice; keep one of the two lines/),
  F('a full-width colon', 'full-width-colon/full-width-colon.mdx', 2, undefined, /full-width colon \(：\); write the field name with an ASCII colon and a space/),
  F('a BOM and CRLF line endings (the line is still right)', 'bom-crlf/bom-crlf.mdx', 4, 'author', /unknown field author; check the spelling .* or remove it/),
  F('---js frontmatter', 'js-frontmatter/js-frontmatter.mdx', 1, undefined, /"---js" frontmatter is refused .*; start the file with a plain --- line and write YAML/),
  F('no frontmatter at all', 'no-frontmatter/no-frontmatter.mdx', 1, undefined, /the file does not start with a --- line; put the frontmatter .* between two --- lines/),
  // Schema
  F('a missing title', 'missing-title/missing-title.mdx', 2, 'title', /title is missing; add a title: line to the frontmatter/),
  F('a missing date', 'missing-date/missing-date.mdx', 2, 'date', /date is missing; add a date: line to the frontmatter/),
  F('a missing source', 'missing-source/missing-source.mdx', 2, 'source', /source is missing; add a source: line to the frontmatter/),
  F('authors as a string', 'authors-string/authors-string.mdx', 5, 'authors', /authors must be a list of entries with name: and role:/),
  F('an unknown key', 'unknown-key/unknown-key.mdx', 5, 'author', /unknown field author; check the spelling against docs\/editing\.md or remove it/),
  F('draft: yes', 'draft-not-boolean/draft-not-boolean.mdx', 5, 'draft', /draft must be true or false/),
  F('a figure never placed', 'figure-never-placed/figure-never-placed.mdx', 6, 'figures.0', /figure "lead" is never placed.*; add <Figure id="lead" \/> where it stands/),
  // Files the site would skip, empty and mis-encoded files
  F('an upper-case .MDX extension', 'uppercase-extension/uppercase-extension.MDX', undefined, undefined, /this file would be skipped by the site: rename it to end in lower-case \.mdx/),
  F('a .md extension', 'markdown-extension/markdown-extension.md', undefined, undefined, /this file would be skipped by the site: articles must end in \.mdx; rename it, or start its name with _/),
  { name: 'an article outside articles/', file: `${ROOT}/stray-article.mdx`, message: /outside the content root's articles\/ folder, so the site would never publish it; move articles to articles\/YYYY\/MM\// },
  F('an empty file', 'empty-file/empty-file.mdx', 1, undefined, /the file is empty; an article starts with a --- line/),
  F('a file saved as GB18030', 'not-utf8/not-utf8.mdx', 1, undefined, /the file is not UTF-8 text .*; save it again as UTF-8/),
  // Images
  F('a missing image', 'missing-image/missing-image.mdx', 8, 'figures.0.image', /image file \.\/lost\.jpg does not exist next to the article; add the file, fix the path, or remove image:/),
  F('an image over 40 megapixels', 'image-over-40-megapixels/image-over-40-megapixels.mdx', 8, 'figures.0.image', /the image is 8000×6000 \(48\.0 megapixels\), over the 40-megapixel limit; scale it down/),
  F('a PNG named .jpg', 'png-named-jpg/png-named-jpg.mdx', 8, 'figures.0.image', /named \.jpg but its bytes are a PNG image; rename it to \.png/),
  F('an SVG with a script', 'svg-with-script/svg-with-script.mdx', 8, 'figures.0.image', /the SVG contains a <script> element, which would run in readers' browsers; export it again without scripts/),
  F('a file that is not an image', 'not-an-image/not-an-image.mdx', 8, 'figures.0.image', /the file is not a WEBP image .*; replace it with the real photo/),
];

const checked = checkContentRoot(join(projectRoot, ROOT), projectRoot);

const lint = spawnSync(join(projectRoot, 'node_modules', '.bin', 'node'), ['scripts/lint-content.ts'], {
  cwd: projectRoot,
  encoding: 'utf8',
  env: { ...process.env, ANNALS_CONTENT_DIR: ROOT, NO_COLOR: '1' },
});
const out = tempOutDir('annals-bad-input-');
const build = buildSite({ contentDir: ROOT, outDir: out.dir });
afterAll(() => out.remove());

function matching(problems: ContentProblem[], testCase: Case): ContentProblem | undefined {
  return problems.find((problem) => problem.file === testCase.file && testCase.message.test(problem.message));
}

describe('the bad-input suite', () => {
  it('has at least 40 cases, one fixture folder each, every fixture covered', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    const folders = readdirSync(join(projectRoot, A));
    const covered = new Set(CASES.map((testCase) => testCase.file.slice(A.length + 1).split('/')[0]));
    expect(folders.filter((folder) => !covered.has(folder))).toEqual([]);
  });

  it('lint:content exits 1, and the build exits non-zero, says nothing was built, and leaves no output folder', () => {
    expect(lint.status).toBe(1);
    expect(build.status).not.toBe(0);
    const errors = checked.problems.length;
    const files = new Set(checked.problems.map((problem) => problem.file)).size;
    expect(build.output).toContain(`${errors} problems in ${files} content files; nothing was built`);
    expect(existsSync(out.dir)).toBe(false);
    expect(readdirSync(join(out.dir, '..'))).toEqual([]);
  });

  for (const testCase of CASES) {
    it(`refuses ${testCase.name}: file, line, field and fix, in the check, the lint and the build`, () => {
      const problem = matching(checked.problems, testCase);
      expect(problem, `no problem for ${testCase.file} matching ${testCase.message}:\n${checked.problems.filter((p) => p.file === testCase.file).map(formatProblem).join('\n')}`).toBeDefined();
      if (!problem) return;
      expect(problem.severity).toBe('error');
      expect(problem.line).toBe(testCase.line);
      expect(problem.field).toBe(testCase.field);
      const line = formatProblem(problem);
      expect(lint.stderr).toContain(line);
      expect(build.output).toContain(line);
      expect(existsSync(out.dir)).toBe(false);
    });
  }
});
