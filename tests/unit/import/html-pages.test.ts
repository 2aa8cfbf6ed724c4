/**
 * The saved-HTML importer over 67 real news pages (163, sina, qq, ifeng, thepaper, people.cn,
 * xinhuanet, toutiao, WeChat and regional sites). The pages are not in this repository: they
 * are read from `../shared/pages/gne` next to the project, and the test is skipped when they
 * are absent. Expectations live in `fixtures/html-expectations.ts`; what a reader finds on
 * each page, read by hand, in `fixtures/html-read-by-hand.ts` (`npm run measure:import`
 * scores the importer against it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importHtmlPage } from '../../../src/lib/import/html.ts';
import { pageExpectations } from './fixtures/html-expectations.ts';
import { readByHand } from './fixtures/html-read-by-hand.ts';

const pagesDir = fileURLToPath(new URL('../../../../shared/pages/gne/', import.meta.url));
const available = existsSync(pagesDir);
const pages = available ? readdirSync(pagesDir).filter((name) => name.endsWith('.html')).sort() : [];

/** Every page, checked or not, must give at least this much body text. */
const MIN_BODY = 80;

const bodyChars = (blocks: ReturnType<typeof importHtmlPage>['blocks']) =>
  blocks.reduce((sum, block) => sum + (block.kind === 'figure' ? 0 : block.text.replace(/\s/g, '').length), 0);

describe.skipIf(!available)('importHtmlPage over the real pages', () => {
  it('has an expectation for every page and a page for every expectation', () => {
    expect(pages).toHaveLength(67);
    expect(Object.keys(pageExpectations).sort()).toEqual(pages);
  });

  it('has hand-checked expectations for at least 15 pages from at least 8 sites', () => {
    const checked = Object.keys(pageExpectations).filter((name) => pageExpectations[name]?.checked);
    expect(checked.length).toBeGreaterThanOrEqual(15);
    expect(new Set(checked.map((name) => name.split('__')[1])).size).toBeGreaterThanOrEqual(8);
  });

  it.each(pages)('%s', (name) => {
    const expected = pageExpectations[name];
    if (!expected) throw new Error(`no expectation for ${name}; add it to fixtures/html-expectations.ts`);
    const article = importHtmlPage(new Uint8Array(readFileSync(`${pagesDir}${name}`)), name);
    const length = bodyChars(article.blocks);

    expect(article.title.trim()).not.toBe('');
    expect(article.title).toBe(expected.title);
    expect(length).toBeGreaterThan(MIN_BODY);
    expect(length).toBeGreaterThanOrEqual(expected.bodyChars[0]);
    expect(length).toBeLessThanOrEqual(expected.bodyChars[1]);
    expect([...new Set(article.notes.map((note) => note.field))]).toEqual(expected.notes);

    if (expected.checked) {
      expect(article.date ?? null).toBe(expected.date);
      expect(article.source?.name ?? null).toBe(expected.source);
      expect(article.authors.map((credit) => `${credit.role}:${credit.name}`)).toEqual(expected.authors);
      expect(article.editor ?? null).toBe(expected.editor);
      expect(article.blocks.filter((block) => block.kind === 'figure')).toHaveLength(expected.figures ?? 0);
    }
  });

  // Issue 17: a missing name or date goes to review; a wrong one goes to the reader.
  it.each(pages)('%s: publishes no date and no name that the page does not show', (name) => {
    const truth = readByHand[name];
    if (!truth) throw new Error(`${name} has not been read by hand; add it to fixtures/html-read-by-hand.ts`);
    const article = importHtmlPage(new Uint8Array(readFileSync(`${pagesDir}${name}`)), name);
    if (article.date !== undefined) expect(article.date).toBe(truth.date);
    const people = new Set([...truth.authors.map((credit) => credit.slice(credit.indexOf(':') + 1)), ...(truth.editor?.split('、') ?? [])]);
    for (const credit of article.authors) expect(people, `${credit.role} ${credit.name}`).toContain(credit.name);
    if (article.editor !== undefined) expect(truth.editor?.split('、') ?? []).toContain(article.editor);
  });
});
