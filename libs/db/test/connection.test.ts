import { defineEntity, p } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { useTestDatabase, type TestDatabase } from '@todo-bus/testing';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrmOptions } from '../src/index.ts';

/** Declared int4 like the services' columns; the table below is int8, as CockroachDB creates a bare INT. */
const Tally = defineEntity({
  name: 'Tally',
  properties: { id: p.uuid().primary(), hits: p.integer().columnType('int4') },
});

let database: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  database = await useTestDatabase();
  orm = await MikroORM.init(
    createOrmOptions({ databaseUrl: database.url, entities: [Tally], migrationsPath: tmpdir() }),
  );
  await orm.em.getConnection().execute('create table tally (id uuid primary key, hits int8 not null)');
});

afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

describe('int8 values', () => {
  it('reach the code as numbers, in raw queries and in entities', async () => {
    const connection = orm.em.getConnection();
    const [row] = await connection.execute<{ small: unknown; total: unknown }[]>(
      'select 42::int8 as small, count(*) as total from tally',
    );
    expect(row).toEqual({ small: 42, total: 0 });

    const id = '0190f5e4-0000-4000-8000-000000000001';
    await orm.em.fork().insert(Tally, { id, hits: 2 ** 40 });
    const tally = await orm.em.fork().findOneOrFail(Tally, id);
    expect(tally.hits).toBe(2 ** 40);
  });

  it('stay exact beyond 2^53, as a bigint rather than a rounded number or a string', async () => {
    const [row] = await orm.em
      .getConnection()
      .execute<{ huge: unknown }[]>('select 9007199254740993::int8 as huge');
    expect(row?.huge).toBe(9007199254740993n);
  });
});
