import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { useTestDatabase, type TestDatabase } from '@todo-bus/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCockroachHazards, loadMigrationSql } from './migration-safety.ts';
import { climbStairway } from './stairway.ts';

/**
 * The migration suite every service runs, on an empty database of its own: CockroachDB-safe SQL, and a
 * stairway (up, down, up for each migration) that ends exactly where the entities are.
 */
export function describeMigrations(service: string, ormOptionsFor: (databaseUrl: string) => Options): void {
  describe(`${service} migrations`, () => {
    let database: TestDatabase;
    let orm: MikroORM;

    beforeAll(async () => {
      database = await useTestDatabase({ empty: true });
      orm = await MikroORM.init(ormOptionsFor(database.url));
    });

    afterAll(async () => {
      await orm?.close();
      await database?.drop();
    });

    it('are CockroachDB-safe: one idempotent DDL statement each, integer widths, no serial, triggers, advisory locks or LISTEN/NOTIFY', async () => {
      const migrations = await loadMigrationSql(orm);
      expect(migrations.length).toBeGreaterThan(0);
      expect(migrations.flatMap(findCockroachHazards)).toEqual([]);
    });

    it('climb the stairway (up, down, up for each) and end where the entities are', async () => {
      const { steps, drift } = await climbStairway(orm);
      expect(steps).toEqual((await loadMigrationSql(orm)).map((migration) => migration.name));
      expect(drift).toBe('');
    });

    // CockroachDB 25.1+ commits a DDL statement before the migrator records it: a crash in between must not
    // leave a migration that fails on the next run.
    it('re-run cleanly after a crash between a DDL and its record (each one applied unrecorded first)', async () => {
      const crashed = await useTestDatabase({ empty: true });
      const crashedOrm = await MikroORM.init(ormOptionsFor(crashed.url));
      try {
        for (const { name, up } of await loadMigrationSql(crashedOrm)) {
          for (const sql of up) await crashedOrm.em.getConnection().execute(sql);
          expect((await crashedOrm.migrator.getPending()).map((pending) => pending.name)).toContain(name);
          await crashedOrm.migrator.up({ migrations: [name] });
        }
        expect(await crashedOrm.migrator.getPending()).toEqual([]);
      } finally {
        await crashedOrm.close();
        await crashed.drop();
      }
    });
  });
}
