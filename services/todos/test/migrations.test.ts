import { MikroORM } from '@mikro-orm/postgresql';
import { climbStairway, findCockroachHazards, loadMigrationSql } from '@todo-bus/db';
import { useTestDatabase, type TestDatabase } from '@todo-bus/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todosOrmOptions } from '../src/orm.ts';

let database: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  database = await useTestDatabase({ empty: true });
  orm = await MikroORM.init(todosOrmOptions(database.url));
});

afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

describe('todos migrations', () => {
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
