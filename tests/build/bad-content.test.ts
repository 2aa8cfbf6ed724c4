/**
 * The real build, not just the check function: bad content stops `astro build` with every
 * problem listed, a non-zero exit code, and no output directory.
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, tempOutDir } from './build-helper.ts';

const out = tempOutDir('annals-bad-build-');
const outDir = out.dir;
afterAll(() => out.remove());

describe('astro build on a content root with bad articles', () => {
  const build = buildSite({ contentDir: 'tests/unit/fixtures/content/bad', outDir });
  const output = build.output;

  it('exits non-zero and writes nothing', () => {
    expect(build.status).not.toBe(0);
    expect(existsSync(outDir)).toBe(false);
  });

  it('lists all four problems at once, each with file, line, field and fix', () => {
    expect(output).toContain('4 problems in 4 content files; nothing was built');
    expect(output).toContain('bad/articles/2024/02/missing-title.mdx:2: title: title is missing; add a title: line');
    expect(output).toMatch(/bad\/articles\/2024\/02\/no-offset\.mdx:3: date: .* no UTC offset.* write it as 2024-02-01T09:41\+08:00/);
    expect(output).toContain('bad/articles/2024/02/impossible-date.mdx:3: date: 2024-02-30 is not a real day');
    expect(output).toMatch(/same-slug-two\.mdx:3: slug: permalink \/articles\/same-story\/ is already taken by .*same-slug-one\.mdx/);
  });
});
