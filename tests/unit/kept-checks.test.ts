import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContentRoot, formatProblem } from '../../src/lib/content-check.ts';
import { keptChecksKey, readKeptChecks, sameKeptChecks, writeKeptChecks, writeKeptChecksInBackground } from '../../src/lib/kept-checks.ts';

const work = mkdtempSync(join(tmpdir(), 'annals-kept-checks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const root = join(work, 'content');
cpSync(join(import.meta.dirname, '..', 'fixtures', 'site'), root, { recursive: true });
const projectRoot = join(import.meta.dirname, '..', '..');

/** Everything a check says of an article, its lazily parsed parts included. */
const whole = (article: { raw: unknown; body: string }) => ({ ...article, raw: article.raw, body: article.body });

describe('a content check given the results kept from an earlier one', () => {
  const first = checkContentRoot(root, work);
  const again = checkContentRoot(root, work, { kept: first.keep });

  it('keeps the articles that passed without a photo, and no other', () => {
    expect(first.problems).toEqual([]);
    const withPhoto = first.articles.filter((article) => article.data.figures.some((figure) => figure.image !== undefined));
    expect(withPhoto.length).toBeGreaterThan(0);
    expect(first.keep.size).toBe(first.articles.length - withPhoto.length);
    for (const article of withPhoto) expect(first.keep.has(article.file)).toBe(false);
  });

  it('gives every unchanged article exactly as a fresh check does, frontmatter and body included', () => {
    expect(again.problems).toEqual([]);
    expect(again.articles.map(whole)).toEqual(first.articles.map(whole));
    expect(sameKeptChecks(first.keep, again.keep)).toBe(true);
  });

  it('checks a changed file again, so its new problem is reported', () => {
    const file = first.articles.find((article) => first.keep.has(article.file));
    if (!file) throw new Error('the fixture site has no article without a photo');
    const path = join(work, file.file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: .*$/m, 'title: ""'));
    const changed = checkContentRoot(root, work, { kept: first.keep });
    expect(changed.problems.map(formatProblem).join('\n')).toContain(`${file.file}:2: title:`);
    expect(changed.keep.has(file.file)).toBe(false);
    expect(sameKeptChecks(first.keep, changed.keep)).toBe(false);
  });

  it('are stored under a key and read back only under the same key', () => {
    const key = keptChecksKey(projectRoot);
    expect(key).toBeDefined();
    const file = join(work, 'cache', 'kept.json');
    writeKeptChecks(file, key ?? '', first.keep);
    expect([...readKeptChecks(file, key ?? '')]).toEqual([...first.keep].map(([name, check]) => [name, JSON.parse(JSON.stringify(check))]));
    expect(readKeptChecks(file, 'another key').size).toBe(0);
    writeFileSync(file, '{"key":');
    expect(readKeptChecks(file, key ?? '').size).toBe(0);
    expect(readKeptChecks(join(work, 'none.json'), key ?? '').size).toBe(0);
  });

  it('are written in the background (the dev server’s start) to the same file, serialised when asked', async () => {
    const inForeground = join(work, 'cache', 'foreground.json');
    const inBackground = join(work, 'cache', 'background.json');
    writeKeptChecks(inForeground, 'k', first.keep);
    const checks = new Map(first.keep);
    const written = writeKeptChecksInBackground(inBackground, 'k', checks);
    // Changed after the call: not in the file.
    checks.clear();
    await written;
    expect(readFileSync(inBackground, 'utf8')).toBe(readFileSync(inForeground, 'utf8'));
    expect(readKeptChecks(inBackground, 'k').size).toBe(first.keep.size);
  });

  it('are read back equal to what a fresh check gives (JSON keeps every field of the data)', () => {
    const file = join(work, 'cache', 'round-trip.json');
    writeKeptChecks(file, 'k', first.keep);
    const reread = checkContentRoot(root, work, { kept: readKeptChecks(file, 'k') });
    const fresh = checkContentRoot(root, work);
    expect(reread.articles.map(whole)).toStrictEqual(fresh.articles.map(whole));
  });
});
