/**
 * @todo-bus/localinfra: finds or starts the PostgreSQL-compatible database server and the NATS JetStream server
 * this machine can offer (explicit URL → testcontainers → locally installed server → one we start ourselves),
 * and creates/drops databases on it. Used by libs/testing (test suites) and tools/devstack (`npm start`).
 */
export { containerRuntimeAvailable, probeContainerRuntime } from './container-runtime.ts';
export {
  findDatabaseServer,
  type DatabaseServerDeps,
  type DatabaseServerKind,
  type FindDatabaseServerOptions,
  type FoundDatabaseServer,
} from './database-server.ts';
export {
  createDatabase,
  describeDatabaseServer,
  dropDatabase,
  listDatabases,
  setSerializable,
  type DatabaseFlavor,
  type DatabaseServerInfo,
} from './databases.ts';
export { databaseUrlFor, quoteIdentifier } from './admin-client.ts';
export { findLocalPostgres, LOCAL_POSTGRES_URLS } from './local-postgres.ts';
export { startEmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.ts';
export { postgresRunAs, reachableDataDir } from './run-as-postgres-user.ts';
export { startCockroachContainer, COCKROACH_IMAGE } from './cockroach-container.ts';
export {
  findNatsServer,
  LOCAL_NATS_URL,
  type FindNatsServerOptions,
  type FoundNatsServer,
  type NatsServerDeps,
  type NatsServerKind,
} from './nats-server.ts';
export { natsJetStreamAnswers } from './nats-probe.ts';
export { findNatsServerBinary, spawnNatsServer, type SpawnNatsServerOptions } from './spawn-nats-server.ts';
export { startNatsContainer, NATS_IMAGE } from './nats-container.ts';
export { findFreePort, tcpPortAnswers } from './ports.ts';
export type { ServerFaults } from './server-faults.ts';
