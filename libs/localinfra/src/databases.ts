import { quoteIdentifier, withClient } from './admin-client.ts';

export type DatabaseFlavor = 'postgres' | 'cockroach';

export interface DatabaseServerInfo {
  flavor: DatabaseFlavor;
  /** PostgreSQL clones databases with CREATE DATABASE ... TEMPLATE; CockroachDB cannot. */
  supportsTemplates: boolean;
}

const infoByServer = new Map<string, Promise<DatabaseServerInfo>>();

function serverKey(adminUrl: string): string {
  const url = new URL(adminUrl);
  return `${url.hostname}:${url.port}`;
}

/** Which server answers at `adminUrl` (from `select version()`), cached per host:port. */
export function describeDatabaseServer(adminUrl: string): Promise<DatabaseServerInfo> {
  const key = serverKey(adminUrl);
  let info = infoByServer.get(key);
  if (!info) {
    info = withClient(adminUrl, async (client) => {
      const { rows } = await client.query<{ version: string }>('select version() as version');
      const flavor: DatabaseFlavor = /cockroach/i.test(rows[0]?.version ?? '') ? 'cockroach' : 'postgres';
      return { flavor, supportsTemplates: flavor === 'postgres' };
    });
    // A failed probe must not be remembered: the server may simply not be up yet.
    info.catch(() => infoByServer.delete(key));
    infoByServer.set(key, info);
  }
  return info;
}

/** Creates database `name`, optionally as a copy of `template` (PostgreSQL only). */
export async function createDatabase(
  adminUrl: string,
  name: string,
  options: { template?: string } = {},
): Promise<void> {
  const { supportsTemplates } = await describeDatabaseServer(adminUrl);
  if (options.template && !supportsTemplates) {
    throw new Error(
      `this server cannot create "${name}" from template "${options.template}": migrate it instead`,
    );
  }
  const template = options.template ? ` TEMPLATE ${quoteIdentifier(options.template)}` : '';
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}${template}`));
}

/** Drops database `name` if it exists, disconnecting whoever is still connected to it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const { flavor } = await describeDatabaseServer(adminUrl);
  const statement =
    flavor === 'cockroach'
      ? `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} CASCADE`
      : `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`;
  await withClient(adminUrl, (client) => client.query(statement));
}

/**
 * Makes SERIALIZABLE the default isolation of new connections to `name`, as CockroachDB always is, so tests on
 * PostgreSQL meet the same 40001 retry errors production will.
 */
export async function setSerializable(adminUrl: string, name: string): Promise<void> {
  const { flavor } = await describeDatabaseServer(adminUrl);
  if (flavor === 'cockroach') return;
  await withClient(adminUrl, (client) =>
    client.query(
      `ALTER DATABASE ${quoteIdentifier(name)} SET default_transaction_isolation = 'serializable'`,
    ),
  );
}

/** Names of the databases on the server whose name starts with `prefix` (for leftover checks and sweeps). */
export async function listDatabases(adminUrl: string, prefix = ''): Promise<string[]> {
  const { flavor } = await describeDatabaseServer(adminUrl);
  const sql =
    flavor === 'cockroach'
      ? 'select database_name as name from [show databases]'
      : 'select datname as name from pg_database';
  const { rows } = await withClient(adminUrl, (client) => client.query<{ name: string }>(sql));
  return rows.map((row) => row.name).filter((name) => name.startsWith(prefix));
}
