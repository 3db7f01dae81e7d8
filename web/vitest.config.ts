import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure modules, milliseconds) and `e2e` (the built server in real Chromium).
// The e2e project's global setup builds the app first when web/build is missing or stale, so
// `npm test -w web` works from a clean checkout.
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
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
