import { defineEntity, p } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import { useTestDatabase, type TestDatabase } from '@todo-bus/testing';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrmOptions, DatabaseBusyError, inTransaction } from '../src/index.ts';

/** MikroORM wants at least one entity; the tests themselves speak SQL. */
const Effect = defineEntity({ name: 'Effect', properties: { id: p.uuid().primary(), note: p.text() } });

let database: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  database = await useTestDatabase();
  orm = await MikroORM.init(
    createOrmOptions({
      databaseUrl: database.url,
      entities: [Effect],
      migrationsPath: tmpdir(),
      poolMax: 20,
    }),
  );
  const connection = orm.em.getConnection();
  await connection.execute(
    'create table effect (id uuid primary key default gen_random_uuid(), note text not null)',
  );
  await connection.execute('create table counter (id int primary key, value int not null)');
  await connection.execute('insert into counter (id, value) values (1, 0)');
});

afterAll(async () => {
  await orm?.close();
  await database?.drop();
});

/** Makes the server itself abort the transaction with SQLSTATE 40001, as a serialization conflict would. */
async function raiseSerializationFailure(em: Parameters<Parameters<typeof inTransaction>[1]>[0]) {
  const version = await em.execute<{ version: string }[]>('select version() as version');
  if (/cockroach/i.test(version[0]?.version ?? '')) {
    await em.execute("select crdb_internal.force_retry('1h')");
  } else {
    await em.execute("do $$ begin raise exception 'injected conflict' using errcode = '40001'; end $$");
  }
}

describe('inTransaction', () => {
  it('runs at SERIALIZABLE isolation', async () => {
    const level = await inTransaction(orm.em, (em) =>
      em.execute<{ transaction_isolation: string }[]>('show transaction_isolation'),
    );
    expect(level[0]?.transaction_isolation).toBe('serializable');
  });

  it('survives two injected 40001 errors and commits the effect once', async () => {
    let attempts = 0;
    await inTransaction(
      orm.em,
      async (em) => {
        attempts++;
        await em.execute("insert into effect (note) values ('retried')");
        if (attempts <= 2) await raiseSerializationFailure(em);
      },
      { baseDelayMs: 1 },
    );
    const rows = await orm.em.getConnection().execute("select * from effect where note = 'retried'");
    expect(attempts).toBe(3);
    expect(rows).toHaveLength(1);
  });

  it('gives up after its attempts with a busy error (a 503 at the edge), leaving nothing behind', async () => {
    const failing = inTransaction(
      orm.em,
      async (em) => {
        await em.execute("insert into effect (note) values ('doomed')");
        await raiseSerializationFailure(em);
      },
      { attempts: 3, baseDelayMs: 1 },
    );
    await expect(failing).rejects.toBeInstanceOf(DatabaseBusyError);
    await expect(failing).rejects.toMatchObject({
      name: 'DatabaseBusyError',
      retryAfterSeconds: 1,
      cause: { code: '40001' },
    });
    expect(await orm.em.getConnection().execute("select * from effect where note = 'doomed'")).toHaveLength(
      0,
    );
  });

  it('lets concurrent read-modify-write transactions all succeed through retries', async () => {
    let conflicts = 0;
    const increments = 12;
    await Promise.all(
      Array.from({ length: increments }, () =>
        inTransaction(
          orm.em,
          async (em) => {
            const [row] = await em.execute<{ value: number }[]>('select value from counter where id = 1');
            await em.execute('update counter set value = ? where id = 1', [(row?.value ?? 0) + 1]);
          },
          { attempts: 30, onRetry: () => conflicts++ },
        ),
      ),
    );
    const [row] = await orm.em
      .getConnection()
      .execute<{ value: number }[]>('select value from counter where id = 1');
    expect(row?.value).toBe(increments);
    expect(conflicts).toBeGreaterThan(0);
  });
});
