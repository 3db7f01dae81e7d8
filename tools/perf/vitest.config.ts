import { defineConfig } from 'vitest/config';

// `npm test` runs only the harness's own fast unit tests (one tier, `unit`); the whole-system fault suite has
// vitest.faults.config.ts (`npm run test:faults`).
export default defineConfig({
  test: { projects: [{ test: { name: 'unit', include: ['src/**/*.test.ts'] } }] },
});
