import { serviceVitestConfig } from '@todo-bus/testing';
import { defineConfig } from 'vitest/config';

// The tests under test/ listed here need no server (pure functions, child processes, fakes, lint); the
// others start PostgreSQL, NATS or the whole system.
export default defineConfig(
  serviceVitestConfig({
    unitTests: [
      'test/env.test.ts',
      'test/events-tail-format.test.ts',
      'test/events-tail-options.test.ts',
      'test/log-format.test.ts',
      'test/module-boundaries.test.ts',
      'test/processes.test.ts',
      'test/secret.test.ts',
      'test/seed.test.ts',
      'test/staleness.test.ts',
      'test/system-packages.test.ts',
    ],
  }),
);
