/**
 * A failed build deploys nothing, whichever phase fails: a page that throws while
 * rendering (from a cold and from a warm cache), an article page cut short, an article
 * page that vanished. Each build writes pages before it fails; none may leave an output
 * folder, or its staging folder, behind. The control build with the same config and no
 * fault publishes.
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

const control = faultyBuild('none', 'control');
const renderCold = faultyBuild('render', 'render-cold');
const renderWarm = faultyBuild('render', 'render-warm');
const empty = faultyBuild('empty', 'empty');
const vanish = faultyBuild('vanish', 'vanish');

describe('atomic output', () => {
  it('publishes the control build, and only its output folder', () => {
    expect(control.status, control.output.slice(-2000)).toBe(0);
    expect(existsSync(join(control.outDir, 'articles', 'ordinary-report', 'index.html'))).toBe(true);
    expect(readdirSync(work.parent).filter((name) => name.includes('staging'))).toEqual([]);
  });

  for (const [label, build] of [['cold', renderCold], ['warm', renderWarm]] as const) {
    it(`fails a render error from a ${label} cache and leaves no output folder`, () => {
      expect(build.status).not.toBe(0);
      expect(build.output).toContain('this page fails to render on purpose');
      expect(existsSync(build.outDir)).toBe(false);
      expect(readdirSync(work.parent).filter((name) => name.includes('staging'))).toEqual([]);
    });
  }

  it('fails an article page cut short, naming the file and the missing text', () => {
    expect(empty.status).not.toBe(0);
    expect(empty.output).toMatch(/ordinary-report\.mdx: the page \/articles\/ordinary-report\/ does not show "会议强调，要把各项任务落到实处。" from the article: it rendered empty or cut short/);
    expect(existsSync(empty.outDir)).toBe(false);
  });

  it('fails a vanished article page, listing the differences', () => {
    expect(vanish.status).not.toBe(0);
    expect(vanish.output).toContain('ordinary-report.mdx: no page was written at /articles/ordinary-report/');
    expect(vanish.output).toMatch(/the built site does not match the content \(\d+ differences?\); nothing was published/);
    expect(existsSync(vanish.outDir)).toBe(false);
  });
});
