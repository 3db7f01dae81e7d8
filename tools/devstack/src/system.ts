// The whole system on this machine: infrastructure, databases, migrations, web build, the four parts.
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { dropDatabase, findFreePort, tcpPortAnswers, type ServerFaults } from '@todo-bus/localinfra';
import {
  assembleEnv,
  DEFAULT_OPERATIONS_PORTS,
  DEFAULT_PORTS,
  inheritedEnv,
  OPERATED_PARTS,
  PART_NAMES,
  type Env,
  type OperationsPorts,
  type PartName,
  type Ports,
} from './env.ts';
import { describeKind, ensureDatabase, findDatabase, findNats, redact, type Server } from './infra.ts';
import { createPrefixer, wantsColour } from './log-format.ts';
import { PARTS, STAGES, withPath } from './parts.ts';
import { describeExit, runToCompletion, spawnChild, type Child } from './processes.ts';
import { partFailure, waitForReady } from './readiness.ts';
import { databasesOf, keyEncryptionSecret, secretFile } from './secret.ts';
import { ensureWebBuild } from './web-build.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');

export interface StartSystemOptions {
  /** Ports of the parts (defaults 8080-8082 and 3000), or 'free' for ports the kernel picks (tests). */
  ports?: Partial<Ports> | 'free';
  /** Extra variables for every part and migration; they win over the computed ones. */
  env?: Env;
  /** Receives every output line, already prefixed (`auth │ ...`). Default: stdout. */
  log?: (line: string) => void;
  /** ANSI colours in the lines. Default: off with `log`; for stdout, on for a terminal (NO_COLOR/FORCE_COLOR). */
  colour?: boolean;
  /**
   * Own databases (auth_<id>, todos_<id>) and NATS namespace, dropped again by stop(): for tests that share
   * the machine's servers. Default false (npm start): the databases of the checkout, named after its key
   * encryption secret (auth_dev_<id>, todos_dev_<id>, see databasesOf), kept; no namespace.
   */
  isolated?: boolean;
  /** Bus namespace (default: none, or e2e<id> when isolated). */
  natsNamespace?: string;
  /** Admin URL of the database server (default: DATABASE_URL, else found or started). */
  databaseUrl?: string;
  /** NATS server (default: NATS_URL, else found or started). */
  natsUrl?: string;
  /**
   * Start embedded PostgreSQL and nats-server for this run even when this machine runs its own (default
   * false; explicit URLs still win).
   */
  ownServers?: boolean;
  /**
   * Where embedded servers and the generated secret live (default: <repo>/.data): what tells one checkout
   * from another, since the databases of a run that is not isolated go with that secret.
   */
  dataDir?: string;
  /** How long each part may take to answer /readyz (default 60 s). */
  readyTimeoutMs?: number;
  /** Aborting it stops the start-up: what was started is stopped and startSystem rejects. */
  signal?: AbortSignal;
}

export interface RunningSystem {
  /** The gateway, as the browser sees it: http://localhost:<gateway port>. */
  url: string;
  ports: Ports;
  /** Where each part serves /metrics and its detailed /readyz (never through the gateway). */
  operationsPorts: OperationsPorts;
  databaseUrl: string;
  databases: { auth: string; todos: string };
  natsUrl: string;
  natsNamespace: string;
  /** Process ids of the parts (each leads its own process group). */
  pids: Partial<Record<PartName, number>>;
  /** Resolves if a part exits on its own after start-up; the system has then stopped everything else. */
  crashed: Promise<Error>;
  /** Stops the parts (SIGTERM, SIGKILL after 5 s), then what the run started. Idempotent. */
  stop(): Promise<void>;
  /**
   * Another instance of a part on a free port, sharing the databases and the bus: what a second replica
   * behind a load balancer would be. `env` overrides its settings (e.g. a gateway replica's TODOS_URL).
   * Stopped with the system, or alone with its own `stop()`.
   */
  startReplica(part: 'auth' | 'todos' | 'gateway', env?: Record<string, string>): Promise<Replica>;
  /**
   * Kills a part (SIGKILL unless `signal` says otherwise), waits `downMs`, and starts it again on the same
   * port; resolves once it answers /readyz, and `pids` names the new process. Its death does not stop the
   * system. For fault tests.
   */
  restartPart(part: PartName, options?: { signal?: NodeJS.Signals; downMs?: number }): Promise<void>;
  /** The database and NATS servers, when this run started them (ownServers): fault tests crash them. */
  servers: { database?: ServerFaults; nats?: ServerFaults };
}

export interface Replica {
  url: string;
  /** Its operations server: /metrics, detailed /readyz. */
  operationsUrl: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startSystem(options: StartSystemOptions = {}): Promise<RunningSystem> {
  const dataDir = options.dataDir ?? join(REPO_ROOT, '.data');
  const shellEnv = inheritedEnv(process.env);
  const colour = options.colour ?? (!options.log && wantsColour(process.env, process.stdout.isTTY));
  const prefix = createPrefixer(['devstack', ...PART_NAMES], colour);
  const write = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const onLine = (name: string, line: string) => write(prefix(name, line));
  const say = (line: string) => onLine('devstack', line);
  const cleanups: (() => Promise<void>)[] = [];
  const children: Child[] = [];
  let stopping: Promise<void> | undefined;
  let reportCrash: (error: Error) => void = () => undefined;
  const crashed = new Promise<Error>((resolveCrash) => (reportCrash = resolveCrash));
  // A part that exits during start-up fails the start-up; after it, it stops the system and resolves `crashed`.
  let running = false;
  let failStartup: (error: Error) => void = () => undefined;
  const startupFailure = new Promise<never>((_, reject) => (failStartup = reject));
  startupFailure.catch(() => undefined);
  // Parts killed on purpose (restartPart): their exit is the point, not a crash.
  const expectedExits = new WeakSet<Child>();
  const watch = (child: Child) =>
    void child.exited.then((exit) => {
      if (stopping || expectedExits.has(child)) return;
      const error = partFailure(child, `stopped unexpectedly: it ${describeExit(exit)}`);
      if (!running) failStartup(error);
      else void stop().then(() => reportCrash(error));
    });

  const stop = () =>
    (stopping ??= (async () => {
      await Promise.all(children.map((child) => child.stop()));
      for (const cleanup of cleanups.reverse()) {
        await cleanup().catch((error: unknown) => say(`cleanup failed: ${String(error)}`));
      }
    })());
  const signal = options.signal ? { signal: options.signal } : {};
  const checkAborted = () => {
    if (options.signal?.aborted) throw new Error('start-up was cancelled');
  };

  try {
    const { ports, operationsPorts } = await choosePorts(options.ports);
    const database = await findDatabase(
      options.databaseUrl ?? process.env.DATABASE_URL,
      dataDir,
      options.ownServers,
    );
    cleanups.push(() => database.stop());
    say(`database: ${describeKind(database.kind)} (${redact(database.url)})`);
    checkAborted();
    const nats: Server = await findNats(
      options.natsUrl ?? process.env.NATS_URL,
      dataDir,
      REPO_ROOT,
      options.ownServers,
    );
    cleanups.push(() => nats.stop());
    say(`NATS: ${describeKind(nats.kind)} (${nats.url})`);
    checkAborted();

    const runId = randomBytes(4).toString('hex');
    const keySecret = keyEncryptionSecret(process.env, dataDir);
    const databases = options.isolated
      ? { auth: `auth_${runId}`, todos: `todos_${runId}` }
      : databasesOf(keySecret);
    if (!options.isolated) {
      const secretSource = process.env.KEY_ENCRYPTION_SECRET ? 'KEY_ENCRYPTION_SECRET' : secretFile(dataDir);
      say(
        `databases ${databases.auth} and ${databases.todos}, named after the key secret in ${secretSource}`,
      );
    }
    for (const name of Object.values(databases)) {
      if (await ensureDatabase(database.url, name)) say(`created database ${name}`);
      if (options.isolated) cleanups.push(() => dropDatabase(database.url, name));
    }
    const settings = {
      ports,
      operationsPorts,
      host: '127.0.0.1',
      databaseAdminUrl: database.url,
      databases,
      natsUrl: nats.url,
      natsNamespace: options.natsNamespace ?? (options.isolated ? `e2e${runId}` : ''),
      keyEncryptionSecret: keySecret,
      publicUrl: `http://localhost:${ports.gateway}`,
    };
    const envOf = (part: PartName) => withPath(assembleEnv(part, settings, shellEnv, options.env), REPO_ROOT);
    const cwdOf = (part: PartName) => join(REPO_ROOT, PARTS[part].dir);

    // Migrations and the web build do not depend on each other: run them side by side.
    await Promise.all([
      ...(['auth', 'todos'] as const).map((part) =>
        runToCompletion({
          name: `${part} migrate`,
          command: process.execPath,
          args: [PARTS[part].migrate ?? ''],
          cwd: cwdOf(part),
          env: envOf(part),
          onLine: (_name, line) => onLine(part, line),
          ...signal,
        }),
      ),
      ensureWebBuild({
        repoRoot: REPO_ROOT,
        lockDir: dataDir,
        env: withPath(shellEnv, REPO_ROOT),
        onLine,
        ...signal,
      }),
    ]);
    say('migrations applied');

    const spawnPart = (part: PartName) => {
      const child = spawnChild({
        name: part,
        command: process.execPath,
        args: [PARTS[part].main],
        cwd: cwdOf(part),
        env: envOf(part),
        onLine,
      });
      children.push(child);
      watch(child);
      return child;
    };
    const readinessOf = (child: Child) =>
      waitForReady(child, `http://127.0.0.1:${ports[child.name as PartName]}`, {
        timeoutMs: options.readyTimeoutMs ?? 60_000,
        ...signal,
      });
    for (const stage of STAGES) {
      checkAborted();
      const started = stage.map(spawnPart);
      await Promise.race([Promise.all(started.map(readinessOf)), startupFailure]);
    }
    running = true;
    const pids: Partial<Record<PartName, number>> = Object.fromEntries(
      children.map((child) => [child.name, child.pid]),
    );
    const restartPart = async (
      part: PartName,
      { signal: killSignal = 'SIGKILL', downMs = 0 }: { signal?: NodeJS.Signals; downMs?: number } = {},
    ) => {
      const current = children.find((child) => child.name === part && child.pid === pids[part]);
      if (!current) throw new Error(`${part} is not running`);
      expectedExits.add(current);
      if (current.pid !== undefined) process.kill(-current.pid, killSignal);
      await current.exited;
      await new Promise((resolve) => setTimeout(resolve, downMs));
      if (stopping) throw new Error('the system is stopping');
      const next = spawnPart(part);
      pids[part] = next.pid;
      await readinessOf(next);
    };
    let replicas = 0;
    const startReplica = async (
      part: 'auth' | 'todos' | 'gateway',
      env: Record<string, string> = {},
    ): Promise<Replica> => {
      const port = await findFreePort();
      let operationsPort = await findFreePort();
      while (operationsPort === port) operationsPort = await findFreePort();
      const child = spawnChild({
        name: part,
        command: process.execPath,
        args: [PARTS[part].main],
        cwd: cwdOf(part),
        env: { ...envOf(part), ...env, PORT: String(port), OPERATIONS_PORT: String(operationsPort) },
        onLine: (_name, line) => onLine(part, `[replica ${++replicas}] ${line}`),
      });
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      await waitForReady(child, url, { timeoutMs: options.readyTimeoutMs ?? 60_000 });
      return {
        url,
        operationsUrl: `http://127.0.0.1:${operationsPort}`,
        pid: child.pid,
        stop: async () => void (await child.stop()),
      };
    };
    return {
      url: settings.publicUrl,
      ports,
      operationsPorts,
      databaseUrl: database.url,
      databases,
      natsUrl: nats.url,
      natsNamespace: settings.natsNamespace,
      pids,
      crashed,
      stop,
      startReplica,
      restartPart,
      servers: {
        ...(database.faults ? { database: database.faults } : {}),
        ...(nats.faults ? { nats: nats.faults } : {}),
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function choosePorts(
  requested: StartSystemOptions['ports'],
): Promise<{ ports: Ports; operationsPorts: OperationsPorts }> {
  if (requested !== 'free') {
    const ports = { ...DEFAULT_PORTS, ...requested };
    const operationsPorts = { ...DEFAULT_OPERATIONS_PORTS };
    // Otherwise a server already there (another npm start?) would answer /readyz in place of ours.
    const wanted = [
      ...PART_NAMES.map((part) => [part, ports[part]] as const),
      ...OPERATED_PARTS.map((part) => [`${part} operations`, operationsPorts[part]] as const),
    ];
    for (const [name, port] of wanted) {
      if (await tcpPortAnswers('127.0.0.1', port)) {
        throw new Error(`port ${port} (${name}) is already in use: is the system already running?`);
      }
    }
    return { ports, operationsPorts };
  }
  const taken = new Set<number>();
  while (taken.size < PART_NAMES.length + OPERATED_PARTS.length) taken.add(await findFreePort());
  const [auth = 0, todos = 0, web = 0, gateway = 0, authOps = 0, todosOps = 0, gatewayOps = 0] = [...taken];
  return {
    ports: { auth, todos, web, gateway },
    operationsPorts: { auth: authOps, todos: todosOps, gateway: gatewayOps },
  };
}
