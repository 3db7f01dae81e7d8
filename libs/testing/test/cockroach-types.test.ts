import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { cockroachTypesMode, createTemplateDatabase, useTestDatabase } from '../src/index.ts';

const adminUrl = () => inject('todoBusTestEnvironment')?.database?.adminUrl ?? '';

async function columnTypes(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ column_name: string; data_type: string }>(
      "select column_name, data_type from information_schema.columns where table_name = 'sample'",
    );
    return Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]));
  } finally {
    await client.end();
  }
}

describe('the CockroachDB-types mode', () => {
  it('is on when TEST_CRDB_TYPES says so', () => {
    expect(cockroachTypesMode({ TEST_CRDB_TYPES: '1' })).toBe(true);
    expect(cockroachTypesMode({ TEST_CRDB_TYPES: 'true' })).toBe(true);
    expect(cockroachTypesMode({})).toBe(false);
  });

  it('widens every integer column of the template to int8, as CockroachDB creates a bare INT', async () => {
    const template = await createTemplateDatabase({
      name: 'testing int8',
      adminUrl: adminUrl(),
      widenIntegersToInt8: true,
      migrate: async (url) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query('create table sample (a int4, b int2, c int8, d text)');
        await client.end();
      },
    });
    const clone = await useTestDatabase({ template: template.name });
    try {
      expect(await columnTypes(clone.url)).toEqual({ a: 'bigint', b: 'bigint', c: 'bigint', d: 'text' });
    } finally {
      await clone.drop();
      await template.drop();
    }
  });
});
