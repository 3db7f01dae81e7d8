import type pg from 'pg';

/**
 * kysely (under MikroORM) gives a transaction's connection back to the pool only after a COMMIT or ROLLBACK
 * succeeds. When the server ends the connection mid-transaction (a draining CockroachDB node: 57P01, a
 * network cut), neither can, and the slot would stay checked out forever: after `pool.max` such drops the
 * service would hang. This releases a connection the server ended with an error, so the pool discards it.
 * The grace period leaves a query that failed on its own (outside a transaction) time to release it first.
 */
export function releaseEndedConnections(pool: pg.Pool, graceMs = 1_000): void {
  const checkedOut = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
  pool.on('connect', (client) => {
    client.on('end', () => {
      setTimeout(() => {
        if (!checkedOut.delete(client)) return;
        client.release(new Error('the database server ended this connection'));
      }, graceMs).unref();
    });
  });
}
