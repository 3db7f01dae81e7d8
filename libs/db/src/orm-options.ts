import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import { installInt8Parser } from './int8.ts';

export interface OrmSettings {
  /** postgres:// URL of the service's own database (CockroachDB speaks the same protocol). */
  databaseUrl: string;
  entities: EntitySchema[];
  /** Absolute path of the service's migrations folder. */
  migrationsPath: string;
  poolMax?: number;
  debug?: boolean;
}

/**
 * One place decides how every service talks to its database. The choices that matter for CockroachDB:
 * each migration runs in its own transaction (never all-or-nothing: Cockroach dislikes many schema changes
 * in one transaction), and the schema is never synced from entities at runtime: migrations are the truth.
 */
export function createOrmOptions({
  databaseUrl,
  entities,
  migrationsPath,
  poolMax = 10,
  debug = false,
}: OrmSettings): Options {
  installInt8Parser();
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    debug,
    ensureDatabase: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: poolMax },
    extensions: [Migrator],
    preferTs: true,
    migrations: {
      path: migrationsPath,
      pathTs: migrationsPath,
      glob: '!(*.d|*.test).{js,ts}',
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: false,
      snapshot: false,
      snapshotOnMigrate: false,
      emit: 'ts',
      silent: true,
    },
  });
}
