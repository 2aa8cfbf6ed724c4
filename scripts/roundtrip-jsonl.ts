/**
 * `node scripts/roundtrip-jsonl.ts [--root DIR] [--dist DIR] [file.jsonl]`: imports a JSON
 * Lines corpus into a temporary content root (or checks an existing one with --root) and
 * proves, record by record, that MDX reads every written body back to the source text,
 * paragraph by paragraph. With `--dist DIR` (a site built from that root) it compares the
 * rendered article pages instead: import → build → the text readers see.
 *
 * The expected text is computed here from the raw record, not with the importer's helpers,
 * so an importer bug cannot hide itself: body split at blank lines, and the record's lead
 * put back in front of the first paragraph (or standing alone before a heading), as
 * documented in src/lib/import/jsonl.ts. Prints figures and mismatches; asserts no time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { load } from 'cheerio';
import { parseArticleFile } from '../src/lib/frontmatter.ts';
import { readMdxBlocks } from '../src/lib/import/mdx-blocks.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { root: { type: 'string' }, dist: { type: 'string' }, show: { type: 'string', default: '10' } } });
const dist = values.dist === undefined ? undefined : resolve(values.dist);

type TextBlock = { kind: 'paragraph' | 'heading'; text: string };

/** The paragraphs and headings of a rendered article page's body, in order. */
function renderedBlocks(slug: string): TextBlock[] {
  const $ = load(readFileSync(join(dist ?? '', 'articles', slug, 'index.html'), 'utf8'));
  return $('.article-body')
    .children('p, h1, h2, h3, h4, h5, h6')
    .toArray()
    .map((element) => ({ kind: element.tagName === 'p' ? 'paragraph' : 'heading', text: $(element).text() }));
}
const input = resolve(positionals[0] ?? '../shared/corpus/xwlb/articles.jsonl');
const showLimit = Number(values.show);

let root = values.root === undefined ? undefined : resolve(values.root);
let temporary: string | undefined;
if (root === undefined) {
  temporary = mkdtempSync(join(tmpdir(), 'annals-roundtrip-'));
  root = temporary;
  const started = performance.now();
  try {
    execFileSync(process.execPath, ['scripts/import.ts', '--quiet', '--out', root, input], { stdio: 'inherit' });
  } catch {
    console.error('roundtrip: the import reported errors (above); checking what it wrote');
  }
  console.log(`roundtrip: import took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const files = new Map<string, string>();
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.mdx')) files.set(name.slice(0, -4), path);
  }
};
walk(join(root, 'articles'));

interface RecordShape { id?: string; title?: string; lead?: string | null; body?: string; subheadings?: string[] }

const started = performance.now();
let records = 0;
let matched = 0;
let headings = 0;
const mismatches: string[] = [];
const lines = readFileSync(input, 'utf8').split('\n');
for (const [index, raw] of lines.entries()) {
  if (raw.trim() === '') continue;
  records++;
  const record = JSON.parse(raw) as RecordShape;
  const where = `${input}:${index + 1} (${record.id ?? 'no id'})`;
  const path = record.id === undefined ? undefined : files.get(record.id.toLowerCase());
  if (path === undefined) {
    mismatches.push(`${where}: no file was written for this record`);
    continue;
  }
  const expected = (record.body ?? '').split(/\n[ \t]*\n/).filter((paragraph) => paragraph.trim() !== '');
  const lead = (record.lead ?? '').trim();

  let actual: string[];
  let isHeading: boolean[];
  try {
    let blocks: TextBlock[];
    if (dist === undefined) {
      const mdx = readMdxBlocks(parseArticleFile(readFileSync(path, 'utf8')).body);
      const unexpected = mdx.find((block) => block.kind === 'other' || block.kind === 'figure');
      if (unexpected) throw new Error(`unexpected ${unexpected.kind === 'other' ? unexpected.type : unexpected.kind} block`);
      blocks = mdx.flatMap((block) => (block.kind === 'paragraph' || block.kind === 'heading' ? [{ kind: block.kind, text: block.text }] : []));
    } else {
      blocks = renderedBlocks(record.id?.toLowerCase() ?? '');
    }
    headings += blocks.filter((block) => block.kind === 'heading').length;
    const textBlocks = blocks.filter((block) => block.kind === 'paragraph' || block.kind === 'heading');
    actual = textBlocks.map((block) => block.text);
    isHeading = textBlocks.map((block) => block.kind === 'heading');
  } catch (error) {
    mismatches.push(`${where}: ${dist === undefined ? `${path} does not parse as MDX` : 'its page cannot be read'}: ${error instanceof Error ? error.message : String(error)}`);
    continue;
  }
  if (lead !== '') {
    const first = actual[0] ?? '';
    if (first === lead) {
      actual = actual.slice(1);
      isHeading = isHeading.slice(1);
    } else if (first.startsWith(record.lead ?? '')) actual = [first.slice((record.lead ?? '').length), ...actual.slice(1)];
    else {
      mismatches.push(`${where}: the first paragraph does not start with the lead ${JSON.stringify(lead)}`);
      continue;
    }
  }
  // Headings are written trimmed (Markdown cannot keep spaces around a heading); paragraphs exactly.
  const sameAt = (at: number) => actual[at] === (isHeading[at] ? expected[at]?.trim() : expected[at]);
  const same = actual.length === expected.length && actual.every((_, at) => sameAt(at));
  if (same) matched++;
  else {
    const at = actual.findIndex((_, position) => !sameAt(position));
    mismatches.push(`${where}: paragraph ${at + 1} differs: expected ${JSON.stringify(expected[at]?.slice(0, 80))}, ${dist === undefined ? 'MDX reads' : 'the page shows'} ${JSON.stringify(actual[at]?.slice(0, 80))} (${expected.length} vs ${actual.length} paragraphs)`);
  }
}

for (const mismatch of mismatches.slice(0, showLimit)) console.error(mismatch);
if (mismatches.length > showLimit) console.error(`… and ${mismatches.length - showLimit} more`);
console.log(
  `roundtrip: ${matched} of ${records} records read back from ${dist === undefined ? 'MDX' : 'the built pages'} as the same text, paragraph by paragraph (${headings} headings); ${mismatches.length} mismatches; checked in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
if (temporary) rmSync(temporary, { recursive: true, force: true });
process.exitCode = mismatches.length > 0 ? 1 : 0;
