import {
  createDatabase,
  databaseUrlFor,
  describeDatabaseServer,
  dropDatabase,
  setSerializable,
} from '@todo-bus/localinfra';
import pg from 'pg';
import { widenIntegerColumns } from './cockroach-types.ts';
import { randomToken, templateDatabaseName } from './names.ts';
import { workerDatabaseServerUrl } from './test-servers.ts';

/** Applies a service's migrations to the (empty) database at `databaseUrl`, then closes its connections. */
export type Migrate = (databaseUrl: string) => Promise<void>;

export interface TemplateDatabase {
  /** The migrated template, or undefined when the server cannot clone (CockroachDB). */
  name: string | undefined;
  adminUrl: string;
  supportsTemplates: boolean;
  drop(): Promise<void>;
}

export interface CreateTemplateDatabaseOptions {
  /** Project label used in the name, e.g. `todos`. */
  name: string;
  migrate: Migrate;
  /** Server to create it on; by default the one tests use (TEST_DATABASE_URL or the localinfra chain). */
  adminUrl?: string;
  /** Distinguishes concurrent runs; random by default. */
  runId?: string;
  /** Widen every integer column to int8 after migrating, as CockroachDB creates a bare INT. */
  widenIntegersToInt8?: boolean;
}

/**
 * Creates and migrates the database every suite of a run is cloned from, so a suite starts in milliseconds
 * instead of replaying the migrations. On CockroachDB (no CREATE DATABASE ... TEMPLATE) it creates nothing and
 * reports `supportsTemplates: false`: suites then migrate their own databases.
 */
export async function createTemplateDatabase(
  options: CreateTemplateDatabaseOptions,
): Promise<TemplateDatabase> {
  const adminUrl = options.adminUrl ?? (await workerDatabaseServerUrl());
  const { supportsTemplates } = await describeDatabaseServer(adminUrl);
  if (!supportsTemplates)
    return { name: undefined, adminUrl, supportsTemplates, drop: () => Promise.resolve(undefined) };

  const name = templateDatabaseName(options.name, options.runId ?? randomToken(6));
  const drop = () => dropDatabase(adminUrl, name);
  await createDatabase(adminUrl, name);
  try {
    // Before migrating, so the migrations themselves run under the isolation production (Cockroach) uses.
    await setSerializable(adminUrl, name);
    await options.migrate(databaseUrlFor(adminUrl, name));
    if (options.widenIntegersToInt8) await widenIntegerColumns(databaseUrlFor(adminUrl, name));
    await disconnectEveryone(adminUrl, name);
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, adminUrl, supportsTemplates, drop };
}

/**
 * PostgreSQL refuses to copy a template anyone is connected to ("source database is being accessed by other
 * users"); a migrate callback that leaves a pooled connection open would otherwise break every suite.
 */
async function disconnectEveryone(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
  } finally {
    await client.end();
  }
}
