import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import type { EntitySchema } from '@mikro-orm/core';
import type pg from 'pg';
import { installInt8Parser } from './int8.ts';
import { releaseEndedConnections } from './pool.ts';

/** How one process's connections behave; every field has a default that suits a serving replica. */
export interface ConnectionSettings {
  /** Connections per process: keep replicas × poolMax within the cluster's budget (deploy/README.md). */
  poolMax?: number;
  /** Names the service in pg_stat_activity and CockroachDB's SQL activity pages. */
  applicationName?: string;
  /** Server-side cap on one statement; 0 = none (the migrate job: an index build may take long). */
  statementTimeoutMs?: number;
  /** Ends a session left idle inside an open transaction (its locks and intents block others); 0 = none. */
  idleInTransactionTimeoutMs?: number;
  /**
   * Connections are replaced after this long, so after a rolling restart of the cluster (or a node added)
   * they spread over every node again instead of staying on the ones that were up first.
   */
  maxConnectionLifetimeSeconds?: number;
}

export interface OrmSettings extends ConnectionSettings {
  /** postgres:// URL of the service's own database (CockroachDB speaks the same protocol). */
  databaseUrl: string;
  entities: EntitySchema[];
  /** Absolute path of the service's migrations folder. */
  migrationsPath: string;
}

/** Session settings sent in the connection's startup packet: no extra round trip per connection. */
function sessionParameters({
  applicationName,
  statementTimeoutMs = 0,
  idleInTransactionTimeoutMs = 0,
}: ConnectionSettings): pg.PoolConfig {
  return {
    ...(applicationName ? { application_name: applicationName } : {}),
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs } : {}),
    ...(idleInTransactionTimeoutMs > 0
      ? { idle_in_transaction_session_timeout: idleInTransactionTimeoutMs }
      : {}),
  };
}

/**
 * One place decides how every service talks to its database. The choices that matter for CockroachDB:
 * each migration runs in its own transaction (never all-or-nothing: Cockroach dislikes many schema changes
 * in one transaction), and the schema is never synced from entities at runtime: migrations are the truth.
 */
export function createOrmOptions(settings: OrmSettings): Options {
  const { databaseUrl, entities, migrationsPath, poolMax = 10 } = settings;
  const { maxConnectionLifetimeSeconds = 30 * 60 } = settings;
  installInt8Parser();
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    ensureDatabase: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: poolMax },
    driverOptions: {
      ...sessionParameters(settings),
      maxLifetimeSeconds: maxConnectionLifetimeSeconds,
      onPoolCreated: (pool: pg.Pool) => releaseEndedConnections(pool),
    },
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
