import { defineConfig } from 'vitest/config';

// `npm test` runs only the harness's own fast unit tests; the fault suite has vitest.faults.config.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
  },
});
