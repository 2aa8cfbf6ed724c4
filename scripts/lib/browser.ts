/**
 * Which Chromium the browser tests drive. Playwright cannot download its own browsers on
 * machines without internet, so: `ANNALS_CHROMIUM` when set, else Debian's Chromium, else
 * Playwright's own browser where one is installed (a developer's laptop).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const BROWSER_VARIABLE = 'ANNALS_CHROMIUM';
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Flags for a headless Chromium on a closed network, as root, without a GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The executable to launch, or undefined when none is installed. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env[BROWSER_VARIABLE];
  if (configured) return configured;
  const system = SYSTEM_CHROMIUM.find((path) => existsSync(path));
  if (system) return system;
  const bundled = chromium.executablePath();
  return existsSync(bundled) ? bundled : undefined;
}
