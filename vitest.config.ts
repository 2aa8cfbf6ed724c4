import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/build/**/*.test.ts'],
    // The time zone must never matter: run the unit tests somewhere other than Shanghai.
    env: { TZ: 'America/Los_Angeles' },
    testTimeout: 60_000,
  },
});
