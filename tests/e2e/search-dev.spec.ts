/**
 * Search in `astro dev` (src/lib/search/dev-index.ts): the dev server indexes its own
 * article pages in memory on the first search, so editors can check search while writing.
 * Starts its own dev server (ANNALS_E2E_DEV_CWD runs it from a copy of the project).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { REFERENCE_PATH } from './reference-article.ts';

const port = 4393;
const origin = `http://127.0.0.1:${port}`;
let dev: ChildProcess | undefined;

test.describe.configure({ mode: 'serial' });
// Vite injects styles inline in development, which the site's CSP reports; production has none.
test.use({ expectedConsole: [/inline style|\[vite\]/] });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const cwd = process.env['ANNALS_E2E_DEV_CWD'] ?? join(import.meta.dirname, '..', '..');
  dev = spawn(join(cwd, 'node_modules', '.bin', 'node'), ['node_modules/astro/bin/astro.mjs', 'dev', '--port', String(port), '--host', '127.0.0.1'], { cwd, stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${origin}/`).then((response) => response.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('astro dev did not start');
});

test.afterAll(() => {
  dev?.kill();
});

test('astro dev serves a search index built from the collection, Traditional queries included', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${origin}/search/?q=縣委書記`);
  const results = page.locator('#search-results');
  await expect(results).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
  await expect(results.locator(`a[href="${REFERENCE_PATH}"]`)).toHaveCount(1);
  await expect(results.locator('mark').first()).toHaveText('县委书记');
});
