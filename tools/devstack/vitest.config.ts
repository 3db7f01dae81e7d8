import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // `docker-compose config` is a Python program that takes about a second to start.
    testTimeout: 30_000,
  },
});
