// The database and NATS servers of a local run: found on this machine, or started for the run.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  createDatabase,
  findDatabaseServer,
  findFreePort,
  findNatsServer,
  listDatabases,
  natsJetStreamAnswers,
  postgresRunAs,
  reachableDataDir,
  setSerializable,
  type ServerFaults,
} from '@todo-bus/localinfra';

/** A server the run uses; stop() stops it only if this run started it. */
export interface Server {
  url: string;
  kind: string;
  stop(): Promise<void>;
  /** Only for a server this run started: crash and restart it (fault tests). */
  faults?: ServerFaults;
}

const KIND_LABELS: Record<string, string> = {
  env: 'from the environment',
  local: 'already running on this machine',
  'local-postgres': 'PostgreSQL already running on this machine',
  'embedded-postgres': 'embedded PostgreSQL started for this run',
  spawned: 'nats-server started for this run',
  'nats-container': 'a container',
  'cockroach-container': 'a CockroachDB container',
  'docker-compose': 'the nats service of docker-compose.yml',
};

export const describeKind = (kind: string) => KIND_LABELS[kind] ?? kind;

/** `url` without its password, for printing. */
export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * DATABASE_URL (an admin URL) → PostgreSQL on this machine (unless `ownServers`) → embedded PostgreSQL with
 * data under dataDir (or, when the server's user cannot reach a private checkout, in a directory of its own).
 */
export async function findDatabase(
  url: string | undefined,
  dataDir: string,
  ownServers = false,
): Promise<Server> {
  return findDatabaseServer({
    ...(url ? { url } : {}),
    ...(ownServers ? { localUrls: [] } : {}),
    dataDir: await reachableDataDir(join(dataDir, 'postgres'), await postgresRunAs()),
  });
}

// Port 1 (tcpmux) answers nowhere: asking it is how `ownServers` skips the machine's NATS.
const NO_LOCAL_NATS = 'nats://127.0.0.1:1';

/**
 * NATS_URL → a server on 127.0.0.1:4222 (unless `ownServers`) → nats-server -js with its store under dataDir →
 * the compose file's nats service when a Docker engine answers → an error that says what to install.
 */
export async function findNats(
  url: string | undefined,
  dataDir: string,
  repoRoot: string,
  ownServers = false,
): Promise<Server> {
  try {
    return await findNatsServer({
      ...(url ? { url } : {}),
      ...(ownServers ? { localUrl: NO_LOCAL_NATS } : {}),
      storeDir: join(dataDir, 'nats'),
    });
  } catch (error) {
    const compose = composeCommand();
    if (compose && dockerEngineAnswers()) return startComposeNats(compose, repoRoot);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${reason}\nWith Docker running, npm start would run NATS from docker-compose.yml instead.`,
      {
        cause: error,
      },
    );
  }
}

/** Creates the database unless it exists; SERIALIZABLE by default, as CockroachDB always is. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  const existing = await listDatabases(adminUrl, name);
  const created = !existing.includes(name);
  if (created) await createDatabase(adminUrl, name);
  await setSerializable(adminUrl, name);
  return created;
}

function dockerEngineAnswers(): boolean {
  return (
    spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 5_000 })
      .status === 0
  );
}

/** `docker compose` (the plugin) or the standalone `docker-compose`, whichever exists. */
function composeCommand(): string[] | undefined {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore', timeout: 5_000 }).status === 0) {
    return ['docker', 'compose'];
  }
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore', timeout: 5_000 }).status === 0)
    return ['docker-compose'];
  return undefined;
}

const CONTAINER = 'todo-bus-dev-nats';

/**
 * The compose file publishes no NATS port (only the gateway's), so this uses `run --publish` to expose the nats
 * service on loopback for this run only, and removes the container on stop.
 */
async function startComposeNats(compose: string[], repoRoot: string): Promise<Server> {
  const [command = 'docker', ...prefix] = compose;
  const port = await findFreePort();
  spawnSync('docker', ['rm', '-f', CONTAINER], { stdio: 'ignore' });
  const args = [
    ...prefix,
    'run',
    '-d',
    '--rm',
    '--name',
    CONTAINER,
    '--publish',
    `127.0.0.1:${port}:4222`,
    'nats',
  ];
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0)
    throw new Error(`${compose.join(' ')} ${args.join(' ')} failed:\n${result.stderr}`);
  const url = `nats://127.0.0.1:${port}`;
  const stop = () => {
    spawnSync('docker', ['rm', '-f', CONTAINER], { stdio: 'ignore', timeout: 30_000 });
    return Promise.resolve();
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await natsJetStreamAnswers(url)) return { url, kind: 'docker-compose', stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`NATS started with ${compose.join(' ')} did not answer at ${url} within 20s`);
}
