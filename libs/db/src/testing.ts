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

    it('are CockroachDB-safe: one DDL statement each, no serial, triggers, advisory locks or LISTEN/NOTIFY', async () => {
      const migrations = await loadMigrationSql(orm);
      expect(migrations.length).toBeGreaterThan(0);
      expect(migrations.flatMap(findCockroachHazards)).toEqual([]);
    });

    it('climb the stairway (up, down, up for each) and end where the entities are', async () => {
      const { steps, drift } = await climbStairway(orm);
      expect(steps).toEqual((await loadMigrationSql(orm)).map((migration) => migration.name));
      expect(drift).toBe('');
    });
  });
}
