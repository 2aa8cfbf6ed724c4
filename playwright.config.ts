import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/lib/browser.ts';
import { CMS_E2E_PORT } from './tests/e2e/cms/paths.ts';

const port = 4399;
/** The fixture site (tests/fixtures/site, built into dist-fixture/ by `npm run build:fixture`). */
const fixturePort = 4398;
const executablePath = findChromium();

/**
 * End-to-end tests run against production builds: the demo archive in `content/`, built
 * into `dist/` (`npm run build` first), and the fixture site in `dist-fixture/`
 * (`npm run build:fixture`), a few articles that stay fixed whatever content a newsroom
 * puts in `content/`: photos, several sources and people, the same day in earlier years,
 * a draft, a correction, a hostile title, a search index in several parts. The web editor
 * (`npm run cms`, tests/e2e/cms/) runs on a content root of its own, made fresh per run.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) },
  },
  projects: [
    { name: 'site', testIgnore: /e2e\/(fixture|cms)\//, use: { baseURL: `http://127.0.0.1:${port}` } },
    { name: 'fixture', testMatch: /fixture\/.*\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${fixturePort}` } },
    { name: 'cms', testMatch: /e2e\/cms\/.*\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${CMS_E2E_PORT}` } },
  ],
  webServer: [
    {
      command: `node scripts/serve.ts dist --port ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `node scripts/serve.ts dist-fixture --port ${fixturePort}`,
      url: `http://127.0.0.1:${fixturePort}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'node tests/e2e/cms/serve.ts',
      url: `http://127.0.0.1:${CMS_E2E_PORT}/admin/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
