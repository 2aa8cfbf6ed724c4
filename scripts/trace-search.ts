/**
 * `npm run trace:search -- --site DIR --q QUERY [--q QUERY…] [--slowed] [--port N]`
 *
 * Where a reader's first search spends its time: opens `/search/?q=…` of a built site in a
 * fresh browser profile (as `bench:search` does, files served gzipped with ETags) and prints
 * its waterfall, from the page's own Resource Timing: each request's start and end in ms
 * from navigation, its bytes on the wire, and the search's performance marks; then the main
 * thread's busy time from Chromium's DevTools protocol (`Performance.getMetrics`: script,
 * layout, and all tasks). `--slowed`: CPU 4× slower and a fast 4G link, as the benchmark's
 * slowed column. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveForBench } from './lib/bench-server.ts';
import { CHROMIUM_ARGS, findChromium } from './lib/browser.ts';

const { values } = parseArgs({
  options: {
    site: { type: 'string' },
    q: { type: 'string', multiple: true },
    slowed: { type: 'boolean', default: false },
    port: { type: 'string', default: '4399' },
  },
});
if (!values.site || !values.q?.length) {
  console.error('usage: npm run trace:search -- --site <built site folder> --q <query> [--q <query>…] [--slowed] [--port N]');
  process.exit(2);
}
const executablePath = findChromium();
const launchOptions = { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) };
const server = await serveForBench(resolve(values.site), Number(values.port));

interface Entry {
  name: string;
  start: number;
  end: number;
  bytes: number;
}

try {
  for (const query of values.q) {
    const profile = mkdtempSync(join(tmpdir(), 'annals-trace-profile-'));
    const context = await chromium.launchPersistentContext(profile, launchOptions);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      if (values.slowed) {
        await cdp.send('Network.enable');
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 9e6 / 8, uploadThroughput: 9e6 / 8 });
      }
      await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
      await page.locator('#search-results[aria-busy="false"]').waitFor({ timeout: 60_000 });
      const { entries, marks } = await page.evaluate(() => ({
        entries: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => ({ name: new URL(entry.name).pathname, start: entry.startTime, end: entry.responseEnd, bytes: entry.transferSize })),
        marks: performance.getEntriesByType('mark').map((mark) => ({ name: mark.name, at: mark.startTime })),
      }));
      const metrics = new Map((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
      console.log(`\n${query}${values.slowed ? ' (CPU ×4, fast 4G)' : ''}: ms from navigation start`);
      console.log('start | end | KB | file');
      console.log('--- | --- | --- | ---');
      for (const entry of (entries as Entry[]).sort((a, b) => a.start - b.start)) {
        console.log(`${entry.start.toFixed(0)} | ${entry.end.toFixed(0)} | ${(entry.bytes / 1024).toFixed(1)} | ${entry.name.replace(/\/(index|fragment|words|titles)\/[^/]+$/, '/$1/…')}`);
      }
      for (const mark of marks) console.log(`mark ${mark.name} at ${mark.at.toFixed(0)} ms`);
      const seconds = (name: string) => `${((metrics.get(name) ?? 0) * 1000).toFixed(0)} ms`;
      console.log(`main thread: tasks ${seconds('TaskDuration')}, script ${seconds('ScriptDuration')}, layout ${seconds('LayoutDuration')}, style ${seconds('RecalcStyleDuration')}; ${(entries as Entry[]).length} requests, ${((entries as Entry[]).reduce((sum, entry) => sum + entry.bytes, 0) / 1024).toFixed(0)} KB`);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
} finally {
  await server.close();
}
