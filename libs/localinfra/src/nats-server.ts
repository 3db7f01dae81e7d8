import { containerRuntimeAvailable } from './container-runtime.ts';
import { startNatsContainer } from './nats-container.ts';
import { natsJetStreamAnswers } from './nats-probe.ts';
import type { ServerFaults } from './server-faults.ts';
import { findNatsServerBinary, spawnNatsServer, type SpawnNatsServerOptions } from './spawn-nats-server.ts';

export type NatsServerKind = 'env' | 'nats-container' | 'local' | 'spawned';

export interface FoundNatsServer {
  url: string;
  kind: NatsServerKind;
  /** Stops what this call started; a no-op for servers it merely found. */
  stop(): Promise<void>;
  /** Only for a server this call spawned: crash and restart it (fault tests). */
  faults?: ServerFaults;
}

export interface FindNatsServerOptions {
  /** An explicit server URL (NATS_URL, TEST_NATS_URL, ...): used as is, nothing is probed. */
  url?: string;
  /** Try a NATS container when a container runtime answers. Off unless asked for. */
  allowContainers?: boolean;
  /** Where a locally installed server usually answers. */
  localUrl?: string;
  /** JetStream store of a spawned server; a temp dir (removed by stop()) when absent. */
  storeDir?: string;
}

/** The steps of the search, replaceable in tests. */
export interface NatsServerDeps {
  containerRuntimeAvailable: () => Promise<boolean>;
  startNatsContainer: () => Promise<FoundNatsServer>;
  natsJetStreamAnswers: (url: string) => Promise<boolean>;
  findNatsServerBinary: () => string | undefined;
  spawnNatsServer: (options: SpawnNatsServerOptions) => Promise<FoundNatsServer>;
}

const realDeps: NatsServerDeps = {
  containerRuntimeAvailable,
  startNatsContainer: () => startNatsContainer(),
  natsJetStreamAnswers: (url) => natsJetStreamAnswers(url),
  findNatsServerBinary,
  spawnNatsServer,
};

export const LOCAL_NATS_URL = 'nats://127.0.0.1:4222';

/**
 * Finds or starts a NATS server with JetStream: explicit URL → container → server on 127.0.0.1:4222 →
 * a nats-server process of our own on a free port.
 */
export async function findNatsServer(
  options: FindNatsServerOptions = {},
  deps: Partial<NatsServerDeps> = {},
): Promise<FoundNatsServer> {
  const use = { ...realDeps, ...deps };
  if (options.url) return { url: options.url, kind: 'env', stop: () => Promise.resolve(undefined) };
  if (options.allowContainers && (await use.containerRuntimeAvailable())) return use.startNatsContainer();
  const localUrl = options.localUrl ?? LOCAL_NATS_URL;
  if (await use.natsJetStreamAnswers(localUrl)) {
    return { url: localUrl, kind: 'local', stop: () => Promise.resolve(undefined) };
  }
  const binary = use.findNatsServerBinary();
  if (!binary) {
    throw new Error(
      `No NATS server with JetStream answers at ${localUrl} and nats-server is not installed. ` +
        'Install it (apt-get install -y nats-server) or set NATS_URL to a server started with -js.',
    );
  }
  return use.spawnNatsServer({ binary, ...(options.storeDir ? { storeDir: options.storeDir } : {}) });
}
