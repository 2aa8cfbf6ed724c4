/**
 * `test` for every end-to-end spec: fails any test whose page logged a console error or
 * threw an uncaught exception (as Pagefind's own browser tests require an empty console).
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ consoleErrors: string[]; expectedConsole: RegExp[] }>({
  /** Console messages a test provokes on purpose (a 404 page logs its own status). */
  expectedConsole: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsole }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      await use(errors);
      const unexpected = errors.filter((error) => !expectedConsole.some((pattern) => pattern.test(error)));
      expect(unexpected, 'the browser console stays free of errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
