/** MikroORM plumbing shared by the services: CockroachDB-safe config, retried transactions, migrations. */
export { createOrmOptions } from './orm-options.ts';
export { withRetry, type RetryOptions } from './retry.ts';
export { inTransaction } from './transaction.ts';
export { DatabaseBusyError } from './errors.ts';
export { dbPlugin } from './db.plugin.ts';
export { migrateDatabase, migrateCommand } from './migrate.ts';
export type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
