import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { findCockroachHazards, loadMigrationSql } from './migration-safety.ts';

/**
 * Applies pending migrations after refusing any that would not be safe on CockroachDB. Each migration
 * runs in its own transaction; the migrator's table records what ran, so re-running is a no-op.
 */
export async function runMigrations(orm: MikroORM): Promise<string[]> {
  const pending = await orm.migrator.getPending();
  const hazards = (await loadMigrationSql(orm))
    .filter((migration) => pending.some((p) => p.name === migration.name))
    .flatMap((migration) => findCockroachHazards(migration));
  if (hazards.length > 0) throw new Error(`Unsafe migrations:\n- ${hazards.join('\n- ')}`);
  const applied = await orm.migrator.up();
  return applied.map((migration) => migration.name);
}

/** Migrates the database `ormOptions` points at and disconnects: for test templates and tools. */
export async function migrateDatabase(ormOptions: Options): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions);
  try {
    return await runMigrations(orm);
  } finally {
    await orm.close();
  }
}

/** The body of every service's `migrate.ts`: a one-shot job (compose job, Kubernetes Job, npm start). */
export async function migrateCommand(ormOptions: Options, logger: Logger): Promise<void> {
  const orm = await MikroORM.init(ormOptions);
  try {
    const applied = await runMigrations(orm);
    logger.info(
      { applied },
      applied.length ? `applied ${applied.length} migration(s)` : 'schema is up to date',
    );
  } finally {
    await orm.close();
  }
}
