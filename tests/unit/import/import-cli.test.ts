import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContentRoot } from '../../../src/lib/content-check.ts';

const project = join(import.meta.dirname, '..', '..', '..');
const fixtures = join(import.meta.dirname, 'fixtures');
const out = mkdtempSync(join(tmpdir(), 'annals-import-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function runImport(...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/import.ts', '--out', out, ...args], { cwd: project, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const files = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.mdx')).sort() : [];

// The CLI is TypeScript run by Node itself, which needs Node 23.6 or later (type stripping).
const nodeRunsTypeScript = Number(process.versions.node.split('.')[0]) >= 24;

describe.skipIf(!nodeRunsTypeScript)('npm run import', () => {
  const inputs = [
    join(fixtures, 'capture', 'county-news', 'input.txt'),
    join(fixtures, 'jsonl', 'records.jsonl'),
    join(fixtures, 'cli', 'undated.txt'),
    join(fixtures, 'cli', 'empty.txt'),
    join(fixtures, 'cli', 'readme.md'),
    join(fixtures, 'capture', 'not-news', 'input.txt'),
  ];

  it('prints what a dry run would write and writes nothing', () => {
    const run = runImport('--dry-run', ...inputs);
    expect(run.stdout).toMatch(/would write .*articles\/2024\/03\/xian-cheng-xin-xiu-san-zuo-gong-yuan-20240305-[0-9a-f]{6}\.mdx\n---\ntitle: 县城新修三座公园/);
    expect(run.stdout).toMatch(/import: would import 6, skipped 0, review notes \d+ \(1 in .*_review\), errors 7/);
    expect(files(out)).toEqual([]);
  });

  it('imports the good inputs, names each bad one, and exits non-zero at the end', () => {
    const run = runImport(...inputs);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('records.jsonl:4: the line is not valid JSON');
    expect(run.stderr).toContain('empty.txt: the file is empty');
    expect(run.stderr).toContain('readme.md: cannot import a .md');
    expect(run.stderr).toContain('not-news/input.txt:1: does not look like a news page capture');
    expect(run.stderr).toMatch(/warning: .*undated\.txt: no date found; written to .*articles\/_review\//);
    expect(run.stdout).toMatch(/import: imported 6, skipped 0, review notes \d+ \(1 in .*\), errors 7/);
    expect(files(join(out, 'articles'))).toHaveLength(6);
    expect(files(join(out, 'articles', '_review'))).toHaveLength(1);
  });

  it('writes files the build accepts; the undated one is out of the build in _review/', () => {
    const { articles, problems } = checkContentRoot(out, out);
    expect(problems).toEqual([]);
    expect(articles).toHaveLength(5);
    const review = files(join(out, 'articles', '_review'))[0] ?? '';
    expect(readFileSync(join(out, 'articles', '_review', review), 'utf8')).toContain('{/* 待审核 REVIEW: date: not found in the source;');
  });

  it('skips existing files without --force, and overwrites them with it', () => {
    const again = runImport(join(fixtures, 'jsonl', 'records.jsonl'));
    expect(again.stdout).toMatch(/skipped .*demo-20240101-01\.mdx: it already exists/);
    expect(again.stdout).toMatch(/imported 0, skipped 4,/);
    const forced = runImport('--force', '--quiet', join(fixtures, 'jsonl', 'records.jsonl'));
    expect(forced.stdout).toMatch(/^import: imported 4, skipped 0,/m);
  });

  it('refuses to run without inputs', () => {
    const run = runImport();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('name at least one file or folder');
  });
});
