/**
 * A failed build deploys nothing, whichever phase fails: a page that throws while
 * rendering (from a cold and from a warm cache), an article page cut short and one that
 * vanished. Each build writes pages before it fails; none may leave an output folder, or
 * its staging folder, behind. (The same content builds and publishes in site-output.test.ts.)
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, tempOutDir } from './build-helper.ts';

const CONTENT = 'tests/build/fixtures/hostile';
const CONFIG = ['--config', 'tests/build/fixtures/faulty.config.mjs'];
const work = tempOutDir('annals-atomic-');
afterAll(() => work.remove());
const cache = join(work.parent, 'cache');

function faultyBuild(fault: string, name: string) {
  const outDir = join(work.parent, name);
  const build = buildSite({ contentDir: CONTENT, outDir, args: CONFIG, env: { ANNALS_TEST_FAULT: fault, ANNALS_CACHE_DIR: cache } });
  return { ...build, outDir };
}

const renderCold = faultyBuild('render', 'render-cold');
const renderWarm = faultyBuild('render', 'render-warm');
const damage = faultyBuild('damage', 'damage');

describe('atomic output', () => {
  for (const [label, build] of [['cold', renderCold], ['warm', renderWarm]] as const) {
    it(`fails a render error from a ${label} cache and leaves no output folder`, () => {
      expect(build.status).not.toBe(0);
      expect(build.output).toContain('this page fails to render on purpose');
      expect(existsSync(build.outDir)).toBe(false);
      expect(readdirSync(work.parent).filter((name) => name.includes('staging'))).toEqual([]);
    });
  }

  it('fails an article page cut short and a vanished one, listing each difference, and publishes nothing', () => {
    expect(damage.status).not.toBe(0);
    expect(damage.output).toMatch(/the built site does not match the content \(\d+ differences\); nothing was published/);
    expect(damage.output).toMatch(/hostile-title\.mdx: the page \/articles\/hostile-title\/ does not show "会议结束。" from the article: it rendered empty or cut short/);
    expect(damage.output).toContain('ordinary-report.mdx: no page was written at /articles/ordinary-report/');
    expect(existsSync(damage.outDir)).toBe(false);
    expect(readdirSync(work.parent).filter((name) => name.includes('staging'))).toEqual([]);
  });
});
