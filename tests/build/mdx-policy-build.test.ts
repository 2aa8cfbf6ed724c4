/**
 * The MDX policy runs in the real build, not only in the lint: `astro build` on a content
 * root whose articles read an environment variable, import node:fs, embed a <script> and
 * link to javascript: stops before anything is compiled, names every file and line, and
 * publishes nothing.
 *
 * Without the guard (remove `analyseMdxBody` from src/lib/content-check.ts) this build
 * succeeds and the canary secret below is printed into
 * dist/articles/env-secret/index.html: that is what this test fails on.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, tempOutDir } from './build-helper.ts';

const out = tempOutDir('annals-mdx-policy-');
afterAll(() => out.remove());

const CANARY = 'canary-7f3a9c-do-not-publish';

describe('astro build on articles that try to run code', () => {
  const build = buildSite({ contentDir: 'tests/build/fixtures/executable-mdx', outDir: out.dir, env: { ANNALS_CANARY_SECRET: CANARY } });

  it('exits non-zero and leaves no output directory, so nothing can be deployed', () => {
    expect(build.status).not.toBe(0);
    expect(existsSync(out.dir)).toBe(false);
    expect(readdirSync(join(out.dir, '..'))).toEqual([]);
  });

  it('never evaluates the expression: the secret appears nowhere in the build log', () => {
    expect(build.output).not.toContain(CANARY);
  });

  it('names each file, its line, and the fix', () => {
    const root = 'tests/build/fixtures/executable-mdx/articles/2024/01';
    expect(build.output).toContain(`${root}/env-secret.mdx:9: body: {process.env.ANNALS_CANARY_SECRET} is a JavaScript expression (it reads the build machine`);
    expect(build.output).toContain(`${root}/import-fs.mdx:7: body: "import { readFileSync } from "node:fs"": import statements are not allowed in articles`);
    expect(build.output).toContain(`${root}/import-fs.mdx:9: body: {readFileSync("/etc/hostname", "utf8")} is a JavaScript expression`);
    expect(build.output).toContain(`${root}/raw-script.mdx:9: body: <script> is not allowed in articles: it would run JavaScript in every reader's browser; remove it`);
    expect(build.output).toContain(`${root}/javascript-link.mdx:7: body: link address "javascript:alert(document.cookie)": a javascript: address runs code`);
  });
});
