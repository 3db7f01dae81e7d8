import pg from 'pg';

/** Quotes a PostgreSQL identifier, so any database name (quotes, spaces, capitals) is taken literally. */
export function quoteIdentifier(name: string): string {
  if (name.length === 0 || name.includes('\0'))
    throw new Error(`invalid identifier: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

// node-postgres reads the database name with decodeURI, which leaves these characters percent-encoded.
const NOT_EXPRESSIBLE_IN_URL = /[;/?:@&=+$,#]/;

/** The URL of database `name` on the same server (and credentials) as `serverUrl`. */
export function databaseUrlFor(serverUrl: string, name: string): string {
  if (NOT_EXPRESSIBLE_IN_URL.test(name)) {
    throw new Error(`database name ${JSON.stringify(name)} cannot be written in a connection URL`);
  }
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Runs `work` with one short-lived connection, always closing it. */
export async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
  connectTimeoutMs = 5_000,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  // An idle client whose server goes away emits 'error'; without a listener that would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
