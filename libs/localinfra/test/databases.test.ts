import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrlFor, withClient } from '../src/admin-client.ts';
import { findDatabaseServer, type FoundDatabaseServer } from '../src/database-server.ts';
import {
  createDatabase,
  describeDatabaseServer,
  dropDatabase,
  listDatabases,
  setSerializable,
} from '../src/databases.ts';

const prefix = `localinfra_${randomBytes(4).toString('hex')}_`;
let server: FoundDatabaseServer;

beforeAll(async () => {
  server = await findDatabaseServer({ url: process.env.TEST_DATABASE_URL });
});

afterAll(async () => {
  for (const name of await listDatabases(server.url, prefix)) await dropDatabase(server.url, name);
  await server.stop();
});

describe('database administration', () => {
  it('knows the server is PostgreSQL and can clone templates', async () => {
    expect(await describeDatabaseServer(server.url)).toEqual({ flavor: 'postgres', supportsTemplates: true });
  });

  it('creates a database from a template with its tables, then drops it despite open connections', async () => {
    const template = `${prefix}template`;
    const copy = `${prefix}copy`;
    await createDatabase(server.url, template);
    await withClient(databaseUrlFor(server.url, template), (client) =>
      client.query('create table marker (id int)'),
    );
    await createDatabase(server.url, copy, { template });

    const lingering = await withClient(databaseUrlFor(server.url, copy), async (client) => {
      const { rows } = await client.query<{ n: string }>('select count(*) as n from marker');
      await dropDatabase(server.url, copy); // WITH (FORCE) ends this very session
      return rows[0]?.n;
    }).catch((error: unknown) => error);
    expect(lingering).toBe('0');

    expect(await listDatabases(server.url, prefix)).toEqual([template]);
    await dropDatabase(server.url, template);
    await dropDatabase(server.url, template); // dropping twice is harmless (teardown after a failed setup)
    expect(await listDatabases(server.url, prefix)).toEqual([]);
  });

  it('makes serializable the default isolation of new connections', async () => {
    const name = `${prefix}serializable`;
    await createDatabase(server.url, name);
    await setSerializable(server.url, name);
    const { rows } = await withClient(databaseUrlFor(server.url, name), (client) =>
      client.query<{ default_transaction_isolation: string }>('show default_transaction_isolation'),
    );
    expect(rows[0]?.default_transaction_isolation).toBe('serializable');
    await dropDatabase(server.url, name);
  });

  it('takes names literally, quotes and capitals included', async () => {
    const name = `${prefix}Odd "name" % drop`;
    await createDatabase(server.url, name);
    expect(await listDatabases(server.url, prefix)).toContain(name);
    await withClient(databaseUrlFor(server.url, name), (client) => client.query('select 1'));
    await dropDatabase(server.url, name);
    expect(await listDatabases(server.url, prefix)).not.toContain(name);
  });
});
