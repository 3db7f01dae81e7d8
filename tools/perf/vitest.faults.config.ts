import { defineConfig } from 'vitest/config';

// `npm run test:faults`: whole-system fault, fuzz and security tests. One file at a time: each starts its own
// system and loads the two cores, and a kill under someone else's load would measure the wrong thing.
export default defineConfig({
  test: {
    include: ['faults/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
