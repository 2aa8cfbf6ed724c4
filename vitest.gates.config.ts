import { defineConfig } from 'vitest/config';

/** Output gates over the built site in dist/ (`npm run build` first). */
export default defineConfig({
  test: {
    include: ['tests/gates/**/*.test.ts'],
    testTimeout: 180_000,
  },
});
