/** MikroORM plumbing shared by the services: CockroachDB-safe config, retried transactions, migrations. */
export { createOrmOptions, type ConnectionSettings, type OrmSettings } from './orm-options.ts';
export { installInt8Parser, parseInt8 } from './int8.ts';
export { isDatabaseUnavailable, isSerializationFailure, withRetry, type RetryOptions } from './retry.ts';
export { inTransaction } from './transaction.ts';
export { dbPlugin, type DbPluginOptions } from './db-plugin.ts';
export { runMigrations, migrateDatabase, migrateCommand } from './migrate.ts';
export { findCockroachHazards, loadMigrationSql, type MigrationSql } from './migration-safety.ts';
export { climbStairway } from './stairway.ts';
export type { EntityManager, MikroORM, Options as OrmOptions } from '@mikro-orm/postgresql';
