import { listDatabases } from '@todo-bus/localinfra';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useTestDatabase, type TestDatabase } from '../src/index.ts';

async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

const adminUrl = () => inject('todoBusTestEnvironment')?.database?.adminUrl ?? '';

describe('useTestDatabase', () => {
  let suiteA: TestDatabase;
  let suiteB: TestDatabase;

  beforeAll(async () => {
    [suiteA, suiteB] = await Promise.all([useTestDatabase(), useTestDatabase()]);
  });

  afterAll(async () => {
    await Promise.all([suiteA.drop(), suiteB.drop()]);
    expect(await listDatabases(adminUrl(), suiteA.name)).toEqual([]);
    expect(await listDatabases(adminUrl(), suiteB.name)).toEqual([]);
  });

  it('gives each suite its own database, named after the project and run', () => {
    expect(suiteA.name).not.toBe(suiteB.name);
    const { runId } = inject('todoBusTestEnvironment') ?? {};
    expect(suiteA.name).toMatch(new RegExp(`^t_testing_${runId}_[a-z0-9]{8}$`));
  });

  it('starts from the migrated template', async () => {
    const rows = await query<{ note: string }>(suiteA.url, 'select note from migrated_marker');
    expect(rows).toEqual([{ note: 'from template' }]);
  });

  it('isolates suites: a table made in one database is absent from the other', async () => {
    await query(suiteA.url, 'create table only_in_a (id int)');
    const inA = await query<{ t: string | null }>(suiteA.url, "select to_regclass('only_in_a')::text as t");
    const inB = await query<{ t: string | null }>(suiteB.url, "select to_regclass('only_in_a')::text as t");
    expect(inA).toEqual([{ t: 'only_in_a' }]);
    expect(inB).toEqual([{ t: null }]);
  });

  it('runs SERIALIZABLE by default, as CockroachDB does', async () => {
    const [defaults] = await query<{ default_transaction_isolation: string }>(
      suiteB.url,
      'show default_transaction_isolation',
    );
    expect(defaults?.default_transaction_isolation).toBe('serializable');
    const client = new pg.Client({ connectionString: suiteB.url });
    await client.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{ transaction_isolation: string }>('show transaction_isolation');
      await client.query('commit');
      expect(rows[0]?.transaction_isolation).toBe('serializable');
    } finally {
      await client.end();
    }
  });

  it('drop() removes the database even while a connection is open, and may be called again', async () => {
    const extra = await useTestDatabase();
    const client = new pg.Client({ connectionString: extra.url });
    client.on('error', () => undefined); // the forced drop ends this session
    await client.connect();
    await extra.drop();
    await extra.drop();
    expect(await listDatabases(adminUrl(), extra.name)).toEqual([]);
    await client.end().catch(() => undefined);
  });

  it('clones many databases from the same template at once (parallel suites)', async () => {
    const many = await Promise.all(Array.from({ length: 4 }, () => useTestDatabase()));
    try {
      for (const database of many) {
        expect(await query(database.url, 'select note from migrated_marker')).toHaveLength(1);
      }
    } finally {
      await Promise.all(many.map((database) => database.drop()));
    }
  });
});
