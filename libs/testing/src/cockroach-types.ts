import pg from 'pg';

/**
 * The CockroachDB-types mode of the test environment (`npm run test:crdb-types`): every service's template
 * database gets every integer column widened to int8, as CockroachDB creates a bare `INT` (an alias of INT8
 * there). node-pg hands int8 back as text unless the code parses it, so the suites then show whether the
 * services still work when an integer column comes back 64 bits wide, without a CockroachDB server.
 */
export function cockroachTypesMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TEST_CRDB_TYPES === '1' || env.TEST_CRDB_TYPES === 'true';
}

/** Widens every int2/int4 column of the database's current schema to int8; returns `table.column` of each. */
export async function widenIntegerColumns(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and data_type in ('smallint', 'integer')
        order by table_name, column_name`,
    );
    for (const { table_name: table, column_name: column } of rows) {
      const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
      await client.query(`alter table ${quote(table)} alter column ${quote(column)} type int8`);
    }
    return rows.map((row) => `${row.table_name}.${row.column_name}`);
  } finally {
    await client.end();
  }
}
