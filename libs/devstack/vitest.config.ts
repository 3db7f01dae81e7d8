import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Whole-system tests start every part before their first assertion.
    testTimeout: 30_000,
  },
});
