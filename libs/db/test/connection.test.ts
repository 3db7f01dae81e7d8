import { defineEntity, p } from '@mikro-orm/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestOrm } from './test-orm.ts';

/** Declared int4 like the services' columns; the table below is int8, as CockroachDB creates a bare INT. */
const Tally = defineEntity({
  name: 'Tally',
  properties: { id: p.uuid().primary(), hits: p.integer().columnType('int4') },
});

const testOrm = useTestOrm([Tally]);

beforeAll(async () => {
  await testOrm().em.getConnection().execute('create table tally (id uuid primary key, hits int8 not null)');
});

describe('int8 values', () => {
  it('reach the code as numbers, in raw queries and in entities', async () => {
    const connection = testOrm().em.getConnection();
    const [row] = await connection.execute<{ small: unknown; total: unknown }[]>(
      'select 42::int8 as small, count(*) as total from tally',
    );
    expect(row).toEqual({ small: 42, total: 0 });

    const id = '0190f5e4-0000-4000-8000-000000000001';
    await testOrm()
      .em.fork()
      .insert(Tally, { id, hits: 2 ** 40 });
    const tally = await testOrm().em.fork().findOneOrFail(Tally, id);
    expect(tally.hits).toBe(2 ** 40);
  });

  it('stay exact beyond 2^53, as a bigint rather than a rounded number or a string', async () => {
    const [row] = await testOrm()
      .em.getConnection()
      .execute<{ huge: unknown }[]>('select 9007199254740993::int8 as huge');
    expect(row?.huge).toBe(9007199254740993n);
  });
});
