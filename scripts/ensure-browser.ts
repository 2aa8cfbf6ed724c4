/**
 * Runs before the test suite: makes sure a Chromium is there for the end-to-end tests.
 * On a Debian machine where we are root (CI, a fresh server) it installs Debian's Chromium;
 * elsewhere it says what to install. Playwright's own `install --with-deps` does the same
 * on machines that can download browsers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BROWSER_VARIABLE, findChromium } from './lib/browser.ts';

const found = findChromium();
if (found && existsSync(found)) {
  console.log(`browser: ${found}`);
} else if (process.env[BROWSER_VARIABLE]) {
  console.error(`browser: ${BROWSER_VARIABLE}=${process.env[BROWSER_VARIABLE]} does not exist; point it at a Chromium executable`);
  process.exit(1);
} else if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('browser: no Chromium found; installing Debian\'s chromium package (apt-get)');
  const run = (args: string[]) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (run(['update', '-qq']).status !== 0 || run(['install', '-y', '-qq', 'chromium']).status !== 0 || !findChromium()) {
    console.error('browser: installing chromium failed; install it by hand (apt-get install chromium) or set ANNALS_CHROMIUM');
    process.exit(1);
  }
  console.log(`browser: ${findChromium()}`);
} else {
  console.error(
    'browser: no Chromium found. Install one: `sudo apt-get install chromium` (Debian/Ubuntu), ' +
      '`npx playwright install --with-deps chromium` (anywhere with internet), or set ANNALS_CHROMIUM to an executable.',
  );
  process.exit(1);
}
