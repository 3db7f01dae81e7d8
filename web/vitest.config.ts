import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure modules, milliseconds) and `e2e` (real Chromium against the whole system).
// The e2e project's global setup builds the app when web/build is missing or stale and starts the system
// once, so `npm test -w web` works from a clean checkout.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          // One file at a time: each drives a Chromium, and the machine has two cores for everything.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
