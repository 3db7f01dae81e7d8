/** MikroORM plumbing shared by the services: CockroachDB-safe config, retried transactions, migrations. */
export { createOrmOptions, type ConnectionSettings, type OrmSettings } from './orm-options.ts';
export { installInt8Parser, parseInt8 } from './int8.ts';
export { isDatabaseUnavailable, isSerializationFailure, withRetry, type RetryOptions } from './retry.ts';
export { inTransaction } from './transaction.ts';
export { DatabaseBusyError } from './errors.ts';
export { dbPlugin } from './db.plugin.ts';
export { migrateDatabase, migrateCommand } from './migrate.ts';
export type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
