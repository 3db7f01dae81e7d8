import { withClient } from './admin-client.ts';
import { tcpPortAnswers } from './ports.ts';

/** Where a PostgreSQL installed on this machine usually answers, tried in order (Debian: root or postgres). */
export const LOCAL_POSTGRES_URLS = [
  'postgres://root@127.0.0.1:5432/postgres',
  'postgres://postgres@127.0.0.1:5432/postgres',
];

/**
 * The first of `candidateUrls` whose server answers `select 1` and whose user may create databases, or
 * undefined. The TCP probe first keeps the common "nothing listens" case to a few milliseconds.
 */
export async function findLocalPostgres(candidateUrls = LOCAL_POSTGRES_URLS): Promise<string | undefined> {
  for (const candidate of candidateUrls) {
    const { hostname, port } = new URL(candidate);
    if (!(await tcpPortAnswers(hostname, Number(port || 5432)))) continue;
    const usable = await withClient(
      candidate,
      async (client) => {
        await client.query('select 1');
        const { rows } = await client.query<{ allowed: boolean }>(
          'select rolsuper or rolcreatedb as allowed from pg_roles where rolname = current_user',
        );
        return rows[0]?.allowed === true;
      },
      2_000,
    ).catch(() => false);
    if (usable) return candidate;
  }
  return undefined;
}
