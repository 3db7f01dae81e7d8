import { defineConfig } from 'vitest/config';

// Only a unit tier: every test here runs without a server.
export default defineConfig({
  test: { projects: [{ test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] } }] },
});
