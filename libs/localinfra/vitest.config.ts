import { defineConfig } from 'vitest/config';

// Two tiers: `unit` (src/, fakes of the servers) and `integration` (test/, really finds or starts PostgreSQL and
// NATS). This lib cannot use @todo-bus/testing's serviceVitestConfig: testing depends on it.
export default defineConfig({
  test: {
    // Starting embedded PostgreSQL (initdb) or a container takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'] } },
    ],
  },
});
