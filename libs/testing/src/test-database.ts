import {
  createDatabase,
  databaseUrlFor,
  describeDatabaseServer,
  dropDatabase,
  setSerializable,
} from '@todo-bus/localinfra';
import { randomToken, testDatabasePrefix } from './names.ts';
import type { Migrate } from './template-database.ts';
import { currentTestEnvironment } from './test-environment.ts';
import { workerDatabaseServerUrl } from './test-servers.ts';

export interface TestDatabase {
  /** Connection URL of this suite's own database (give it to the service as DATABASE_URL). */
  url: string;
  name: string;
  /** Drops the database, closing whatever is still connected. Safe to call twice. */
  drop(): Promise<void>;
}

export interface UseTestDatabaseOptions {
  /** Template to clone; by default the one the globalSetup migrated. */
  template?: string;
  /** Migrates the database when there is no template to clone (CockroachDB, or no globalSetup). */
  migrate?: Migrate;
  /** An empty database, whatever the globalSetup migrated (for stairway migration tests). */
  empty?: boolean;
}

/**
 * A fresh database for one suite (call it in beforeAll, drop it in afterAll): a copy of the migrated template
 * when the server can clone, otherwise created empty and migrated. SERIALIZABLE by default, as on CockroachDB.
 */
export async function useTestDatabase(options: UseTestDatabaseOptions = {}): Promise<TestDatabase> {
  const environment = currentTestEnvironment();
  const adminUrl = environment.database?.adminUrl ?? (await workerDatabaseServerUrl());
  const { supportsTemplates } = await describeDatabaseServer(adminUrl);
  const template = options.empty ? undefined : (options.template ?? environment.database?.template);
  const mustMigrate = !options.empty && (template !== undefined || environment.database?.suitesMustMigrate);
  if (!supportsTemplates && !options.migrate && mustMigrate) {
    throw new Error('this database server cannot clone templates: pass `migrate` to useTestDatabase()');
  }

  const name = `${testDatabasePrefix(environment.project, environment.runId)}${randomToken(8)}`;
  const url = databaseUrlFor(adminUrl, name);
  const drop = () => dropDatabase(adminUrl, name);
  const cloning = supportsTemplates && template !== undefined;
  await createDatabase(adminUrl, name, cloning ? { template } : {});
  try {
    // Per-database settings are not copied with the template: every clone needs its own.
    await setSerializable(adminUrl, name);
    if (!cloning && !options.empty && options.migrate) await options.migrate(url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, name, drop };
}
