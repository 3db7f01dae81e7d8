import pg from 'pg';
import { setupTestEnvironment } from '../src/index.ts';

/** Stands in for a service's MikroORM migrator: one table every cloned database must contain. */
async function migrate(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('create table migrated_marker (id uuid primary key, note text not null)');
    await client.query(
      `insert into migrated_marker values ('00000000-0000-4000-8000-000000000001', 'from template')`,
    );
  } finally {
    await client.end();
  }
}

// failOnLeftovers: this lib's own suites must leave nothing behind.
export default setupTestEnvironment({ name: 'testing', migrate, failOnLeftovers: true });
