import { startCockroachContainer } from './cockroach-container.ts';
import { containerRuntimeAvailable } from './container-runtime.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.ts';
import { findLocalPostgres } from './local-postgres.ts';
import type { ServerFaults } from './server-faults.ts';

export type DatabaseServerKind = 'env' | 'cockroach-container' | 'local-postgres' | 'embedded-postgres';

export interface FoundDatabaseServer {
  /** Admin URL: a superuser (or CREATEDB user) connected to the server's maintenance database. */
  url: string;
  kind: DatabaseServerKind;
  /** Stops what this call started; a no-op for servers it merely found. */
  stop(): Promise<void>;
  /** Only for an embedded server this call started: crash and restart it (fault tests). */
  faults?: ServerFaults;
}

export interface FindDatabaseServerOptions {
  /** An explicit admin URL (TEST_DATABASE_URL, DATABASE_URL, ...): used as is, nothing is probed. */
  url?: string;
  /** Try a CockroachDB container when a container runtime answers. Off unless asked for. */
  allowContainers?: boolean;
  /** Data directory for the embedded fallback; a temp dir (removed by stop()) when absent. */
  dataDir?: string;
  /** Admin URLs of a PostgreSQL installed on this machine, tried in order. */
  localUrls?: string[];
}

/** The steps of the search, replaceable in tests. */
export interface DatabaseServerDeps {
  containerRuntimeAvailable: () => Promise<boolean>;
  startCockroachContainer: () => Promise<FoundDatabaseServer>;
  findLocalPostgres: (candidateUrls?: string[]) => Promise<string | undefined>;
  startEmbeddedPostgres: (options: EmbeddedPostgresOptions) => Promise<FoundDatabaseServer>;
}

const realDeps: DatabaseServerDeps = {
  containerRuntimeAvailable,
  startCockroachContainer: () => startCockroachContainer(),
  findLocalPostgres,
  startEmbeddedPostgres,
};

const nothingToStop = () => Promise.resolve(undefined);

/**
 * Finds or starts a PostgreSQL-compatible server: explicit URL → CockroachDB container → PostgreSQL on
 * 127.0.0.1:5432 → embedded PostgreSQL on a free port.
 */
export async function findDatabaseServer(
  options: FindDatabaseServerOptions = {},
  deps: Partial<DatabaseServerDeps> = {},
): Promise<FoundDatabaseServer> {
  const use = { ...realDeps, ...deps };
  if (options.url) return { url: options.url, kind: 'env', stop: nothingToStop };
  if (options.allowContainers && (await use.containerRuntimeAvailable())) {
    return use.startCockroachContainer();
  }
  const localUrl = await use.findLocalPostgres(options.localUrls);
  if (localUrl) return { url: localUrl, kind: 'local-postgres', stop: nothingToStop };
  return use.startEmbeddedPostgres(options.dataDir ? { dataDir: options.dataDir } : {});
}
