/**
 * `npm run measure:import [-- --pages DIR] [--list]`: how often the saved-HTML importer gets
 * the publication date, the people credited and 责任编辑 right on the real pages in
 * `../shared/pages/gne` (issue 17), scored against what was read on each page by hand
 * (`tests/unit/import/fixtures/html-read-by-hand.ts`). Prints figures, never asserts them;
 * `--list` also prints every page where the importer and the reader disagree.
 *
 * A date is exact when it is the reader's date to the second (or the day, for a day alone),
 * right to the day when it falls on the reader's day, wrong when it falls on another day.
 * Names are scored as people, whatever role they are printed with: a page is right when
 * the importer credits exactly the people the reader sees. A wrong name is one the
 * importer publishes that the page does not credit: the failure that reaches the reader.
 * Editors are compared as the list of 责任编辑: `editor` and any further ones the importer
 * credits among the authors with that role.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importHtmlPage } from '../src/lib/import/html.ts';
import { readByHand } from '../tests/unit/import/fixtures/html-read-by-hand.ts';

const { values } = parseArgs({ options: { pages: { type: 'string' }, list: { type: 'boolean', default: false } } });
const dir = resolve(values.pages ?? '../shared/pages/gne');
if (!existsSync(dir)) {
  console.error(`measure:import: no pages at ${dir}; give --pages DIR (the shared gne pages)`);
  process.exit(2);
}

const nameOf = (credit: string) => credit.slice(credit.indexOf(':') + 1);
const dayOf = (date: string) => date.slice(0, 10);
/** Both to the second, in UTC, so `09:41+08:00` and `09:41:00+08:00` compare equal. */
function instant(date: string): number | undefined {
  if (!date.includes('T')) return undefined;
  const time = Date.parse(date.replace(/T(\d{2}:\d{2})([+-Z])/, 'T$1:00$2'));
  return Number.isNaN(time) ? undefined : time;
}
function sameDate(a: string, b: string): boolean {
  if (a === b) return true;
  const [x, y] = [instant(a), instant(b)];
  return x !== undefined && x === y;
}

const counts = {
  pages: 0,
  dated: 0, dateExact: 0, dateDay: 0, dateWrong: 0, dateMissing: 0, dateWhereNone: 0,
  named: 0, namesRight: 0, namesPartial: 0, namesNone: 0, unnamed: 0, unnamedClean: 0,
  wrongNames: 0, wrongNamePages: 0, missedNames: 0,
  edited: 0, editorRight: 0, editorMissing: 0, editorWrong: 0, editorWhereNone: 0,
};
const disagreements: string[] = [];

for (const file of readdirSync(dir).filter((name) => name.endsWith('.html')).sort()) {
  const truth = readByHand[file];
  if (!truth) {
    console.error(`measure:import: ${file} has not been read by hand; add it to html-read-by-hand.ts`);
    process.exitCode = 1;
    continue;
  }
  counts.pages++;
  const article = importHtmlPage(new Uint8Array(readFileSync(resolve(dir, file))), file);
  const say = (what: string) => disagreements.push(`${file}: ${what}`);

  if (truth.date === null) {
    if (article.date !== undefined) {
      counts.dateWhereNone++;
      say(`date ${article.date}, but the page gives none`);
    }
  } else {
    counts.dated++;
    if (article.date === undefined) {
      counts.dateMissing++;
      say(`no date (reader: ${truth.date})`);
    } else if (sameDate(article.date, truth.date)) {
      counts.dateExact++;
      counts.dateDay++;
    } else if (dayOf(article.date) === dayOf(truth.date)) {
      counts.dateDay++;
      say(`date ${article.date}, reader ${truth.date} (same day)`);
    } else {
      counts.dateWrong++;
      say(`date ${article.date}, reader ${truth.date} (WRONG DAY)`);
    }
  }

  const seen = new Set(truth.authors.map(nameOf));
  // A second 责任编辑 is credited among the authors with that role (the editor field holds one person).
  const published = new Set(article.authors.filter((credit) => credit.role !== '责任编辑').map((credit) => credit.name));
  const wrong = [...published].filter((name) => !seen.has(name));
  const missed = [...seen].filter((name) => !published.has(name));
  counts.wrongNames += wrong.length;
  counts.missedNames += missed.length;
  if (seen.size > 0) {
    counts.named++;
    if (wrong.length === 0 && missed.length === 0) counts.namesRight++;
    else if (published.size === 0) counts.namesNone++;
    else counts.namesPartial++;
  } else {
    counts.unnamed++;
    if (published.size === 0) counts.unnamedClean++;
  }
  if (wrong.length > 0) {
    counts.wrongNamePages++;
    say(`WRONG NAMES published: ${wrong.join('、')}`);
  }
  if (missed.length > 0) say(`names missed: ${missed.join('、')}`);

  const editors = [article.editor, ...article.authors.filter((credit) => credit.role === '责任编辑').map((credit) => credit.name)].filter((name) => name !== undefined);
  const editor = editors.length === 0 ? null : editors.join('、');
  if (truth.editor === null) {
    if (editor !== null) {
      counts.editorWhereNone++;
      say(`WRONG EDITOR published: ${editor}, but the page names none`);
    }
  } else {
    counts.edited++;
    if (editor === truth.editor) counts.editorRight++;
    else if (editor === null) {
      counts.editorMissing++;
      say(`no editor (reader: ${truth.editor})`);
    } else {
      counts.editorWrong++;
      say(`WRONG EDITOR published: ${editor} (reader: ${truth.editor})`);
    }
  }
}

const pct = (part: number, whole: number) => `${part}/${whole} (${whole === 0 ? '–' : Math.round((100 * part) / whole)}%)`;
const c = counts;
console.log(`node scripts/measure-import.ts${values.pages ? ` --pages ${values.pages}` : ''}${values.list ? ' --list' : ''}`);
console.log(`${c.pages} pages in ${dir}`);
console.log(`date       exact ${pct(c.dateExact, c.dated)}, right day ${pct(c.dateDay, c.dated)}, wrong day ${c.dateWrong}, missing ${c.dateMissing}; a date where the page gives none: ${c.dateWhereNone}`);
console.log(`authors    pages that name people: right ${pct(c.namesRight, c.named)}, partly ${c.namesPartial}, none found ${c.namesNone}; pages that name nobody left empty: ${pct(c.unnamedClean, c.unnamed)}`);
console.log(`           wrong names published: ${c.wrongNames} on ${c.wrongNamePages} pages; names missed: ${c.missedNames}`);
console.log(`editor     right ${pct(c.editorRight, c.edited)}, missing ${c.editorMissing}, wrong ${c.editorWrong}; an editor where the page names none: ${c.editorWhereNone}`);
if (values.list) for (const line of disagreements) console.log(`  ${line}`);
