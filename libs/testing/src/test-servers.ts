import {
  findDatabaseServer,
  findNatsServer,
  type FoundDatabaseServer,
  type FoundNatsServer,
} from '@todo-bus/localinfra';

/**
 * Where tests look for servers: TEST_DATABASE_URL / TEST_NATS_URL when set (CI, a shared Cockroach), else
 * containers when a runtime answers, else this machine's servers, else ones started for the run.
 */
export function findTestDatabaseServer(): Promise<FoundDatabaseServer> {
  return findDatabaseServer({ url: process.env.TEST_DATABASE_URL || undefined, allowContainers: true });
}

export function findTestNatsServer(): Promise<FoundNatsServer> {
  return findNatsServer({ url: process.env.TEST_NATS_URL || undefined, allowContainers: true });
}

let workerDatabaseServer: Promise<FoundDatabaseServer> | undefined;
let workerNatsServer: Promise<FoundNatsServer> | undefined;

/** One server per worker process, for suites that run without the globalSetup. */
export function workerDatabaseServerUrl(): Promise<string> {
  workerDatabaseServer ??= findTestDatabaseServer();
  return workerDatabaseServer.then((server) => server.url);
}

export function workerNatsServerUrl(): Promise<string> {
  workerNatsServer ??= findTestNatsServer();
  return workerNatsServer.then((server) => server.url);
}
