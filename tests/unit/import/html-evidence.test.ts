/**
 * Issue 17 on self-written pages modelled on the failures measured on unseen real pages:
 * names that are not people (navigation links, sign-off words, contact lines) published
 * as 作者/编辑, two people written as one name, and dates a reader sees left unfound.
 * Each folder under `fixtures/html-evidence/` holds `page.html` (its comment says which
 * failure it models) and `expected.json`: the date, credits, editor and review notes.
 * `UPDATE_FIXTURES=1 npx vitest run tests/unit/import` rewrites expected.json.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importHtmlPage } from '../../../src/lib/import/html.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'html-evidence');
const update = process.env['UPDATE_FIXTURES'] === '1';

function evidenceOf(name: string) {
  const article = importHtmlPage(new Uint8Array(readFileSync(join(fixtures, name, 'page.html'))), 'page.html');
  const evidence = { date: article.date ?? null, authors: article.authors, editor: article.editor ?? null, notes: article.notes };
  if (update) writeFileSync(join(fixtures, name, 'expected.json'), `${JSON.stringify(evidence, null, 2)}\n`);
  return evidence;
}

const cases = readdirSync(fixtures).sort();
const imported = Object.fromEntries(cases.map((name) => [name, evidenceOf(name)]));
const notesOf = (name: string, field: string) => imported[name]!.notes.filter((note) => note.field === field).map((note) => note.message);

describe('HTML import: names and dates from evidence (fixtures/html-evidence)', () => {
  it.each(cases)('%s: as in expected.json', (name) => {
    expect(imported[name]).toEqual(JSON.parse(readFileSync(join(fixtures, name, 'expected.json'), 'utf8')));
  });

  it('never credits the text of a navigation link, and quotes the link in the note', () => {
    expect(imported['nav-links-beside-byline']!.authors).toEqual([{ name: '李明', role: '记者' }]);
    const notes = notesOf('nav-links-beside-byline', 'authors');
    expect(notes[0]).toMatch(/"编辑：返回门户" was not used: 返回门户 is the text of a link/);
    expect(notes[1]).toMatch(/"编辑 查看更多>>" was not used: 查看更多>> is the text of a link/);
  });

  it('reads no name out of a sign-off (（完）, 本文来源, 本文观点仅代表作者本人, 作者最近文章)', () => {
    expect(imported['sign-off-words']!.authors).toEqual([{ name: '王芳', role: '记者' }]);
    expect(notesOf('sign-off-words', 'authors')).toEqual([]);
  });

  it('keeps the byline before a contact line and never credits the contact (联系人：张三, 联系我们)', () => {
    expect(imported['contact-line']!.authors).toEqual([{ name: '刘洋', role: '作者' }]);
  });

  it('splits people joined by 、 and 和 into one credit each; a second 责编 is credited with that role', () => {
    expect(imported['joined-names']!.authors).toEqual([
      { name: '张伟', role: '记者' }, { name: '刘洋', role: '记者' },
      { name: '陈静', role: '通讯员' }, { name: '赵磊', role: '通讯员' },
      { name: '李强', role: '责任编辑' },
    ]);
    expect(imported['joined-names']!.editor).toBe('王芳');
  });

  it('finds the date beside 来源 when the headline and header line stand inside the body container', () => {
    expect(imported['date-beside-source']!.date).toBe('2017-10-17T09:41+08:00');
    expect(notesOf('date-beside-source', 'date')).toEqual([]);
  });

  it('finds the date in a post header above the text, not in the list of recent posts', () => {
    expect(imported['post-header-date']!.date).toBe('2019-10-22');
  });

  it('prefers the header date over a meta date that is the crawl time, and says which won and why', () => {
    expect(imported['header-date-beats-crawl-time']!.date).toBe('2017-10-17T09:41+08:00');
    expect(notesOf('header-date-beats-crawl-time', 'date')).toEqual([
      expect.stringMatching(/gives 2017-10-17T09:41\+08:00; meta article:published_time says 2020-03-01T08:00:00\+08:00, 2 years later\. The header's date was used/),
    ]);
  });

  it('reports an address whose date is more than a day from the header date', () => {
    expect(imported['url-date-disagrees']!.date).toBe('2017-10-17');
    expect(notesOf('url-date-disagrees', 'date')).toEqual([expect.stringMatching(/says 2017-10-25, 8 days from the date used \(2017-10-17/)]);
  });
});
