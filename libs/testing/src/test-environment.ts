import { inject } from 'vitest';
import { randomToken } from './names.ts';

/** What the globalSetup of a test run found and prepared, handed to every suite through vitest's `provide`. */
export interface TestEnvironment {
  /** Nx project (or any label) used in database names, e.g. `todos`. */
  project: string;
  /** Short random id of this run: every database and bus namespace of the run carries it. */
  runId: string;
  database?: {
    adminUrl: string;
    supportsTemplates: boolean;
    /** Migrated template to clone; absent when no migrate was given or the server cannot clone. */
    template?: string;
    /** True on CockroachDB when a migrate was given: each suite must migrate its own database. */
    suitesMustMigrate: boolean;
  };
  nats?: { url: string };
}

export const TEST_ENVIRONMENT_KEY = 'todoBusTestEnvironment';

declare module 'vitest' {
  export interface ProvidedContext {
    todoBusTestEnvironment: TestEnvironment | undefined;
  }
}

// Suites of a project without the globalSetup still work: each worker then finds the servers itself.
const fallbackRunId = randomToken(6);

/** The environment provided by `setupTestEnvironment`, or a bare one for this worker when there is none. */
export function currentTestEnvironment(): TestEnvironment {
  const provided = inject(TEST_ENVIRONMENT_KEY);
  if (provided) return provided;
  return { project: process.env.NX_TASK_TARGET_PROJECT ?? 'test', runId: fallbackRunId };
}
