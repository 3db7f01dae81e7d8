import { describeDatabaseServer, dropDatabase, listDatabases } from '@todo-bus/localinfra';
import type { TestProject } from 'vitest/node';
import { cockroachTypesMode } from './cockroach-types.ts';
import { randomToken, testDatabasePrefix } from './names.ts';
import { createTemplateDatabase, type Migrate } from './template-database.ts';
import { TEST_ENVIRONMENT_KEY, type TestEnvironment } from './test-environment.ts';
import { findTestDatabaseServer, findTestNatsServer } from './test-servers.ts';
import { deleteStreamsOf } from './test-nats.ts';

export interface SetupTestEnvironmentOptions {
  /** Project label used in database names, e.g. `todos`. */
  name: string;
  /** Migrates the template every suite's database is cloned from; without it suites get empty databases. */
  migrate?: Migrate;
  /** Set false for projects that never touch NATS. */
  nats?: boolean;
  /** Fail the run when a suite left a database or stream behind (they are removed either way). */
  failOnLeftovers?: boolean;
}

/**
 * A vitest globalSetup: finds (or starts) the servers once for the whole run, migrates the template, hands
 * both to the suites (`inject`), and at the end drops the template, sweeps what suites left, stops what it
 * started. Usage, in `test/global-setup.ts`: `export default setupTestEnvironment({ name: 'todos', migrate })`.
 */
export function setupTestEnvironment(options: SetupTestEnvironmentOptions) {
  return async function setup(project: Pick<TestProject, 'provide'>): Promise<() => Promise<void>> {
    const runId = randomToken(6);
    const environment: TestEnvironment = { project: options.name, runId };
    const cleanups: Array<() => Promise<void>> = [];
    const teardown = () => runCleanups(cleanups);
    try {
      const database = await findTestDatabaseServer();
      cleanups.unshift(() => database.stop());
      const { supportsTemplates } = await describeDatabaseServer(database.url);
      const template = options.migrate
        ? await createTemplateDatabase({
            name: options.name,
            migrate: options.migrate,
            adminUrl: database.url,
            runId,
            widenIntegersToInt8: cockroachTypesMode(),
          })
        : undefined;
      if (template) cleanups.unshift(() => template.drop());
      environment.database = {
        adminUrl: database.url,
        supportsTemplates,
        ...(template?.name ? { template: template.name } : {}),
        suitesMustMigrate: Boolean(options.migrate) && !supportsTemplates,
      };
      const prefix = testDatabasePrefix(options.name, runId);
      cleanups.unshift(() =>
        sweep('databases', sweepDatabases(database.url, prefix), options.failOnLeftovers),
      );

      if (options.nats !== false) {
        const nats = await findTestNatsServer();
        cleanups.unshift(() => nats.stop());
        environment.nats = { url: nats.url };
        cleanups.unshift(() =>
          sweep('streams', deleteStreamsOf(nats.url, `t${runId}`), options.failOnLeftovers),
        );
      }
    } catch (error) {
      await teardown();
      throw error;
    }
    project.provide(TEST_ENVIRONMENT_KEY, environment);
    return teardown;
  };
}

async function sweepDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  const leftovers = await listDatabases(adminUrl, prefix);
  for (const name of leftovers) await dropDatabase(adminUrl, name);
  return leftovers;
}

async function sweep(what: string, removal: Promise<string[]>, fail = false): Promise<void> {
  const leftovers = await removal;
  if (leftovers.length === 0) return;
  const message = `test suites left ${leftovers.length} ${what} behind (now removed): ${leftovers.join(', ')}`;
  if (fail) throw new Error(message);
  console.warn(message);
}

/** Runs every cleanup even if some fail, then reports every failure. */
async function runCleanups(cleanups: Array<() => Promise<void>>): Promise<void> {
  const failures: unknown[] = [];
  for (const cleanup of cleanups) await cleanup().catch((error: unknown) => failures.push(error));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    throw new Error(
      failures.map((error) => (error instanceof Error ? error.message : String(error))).join('\n'),
    );
  }
}
