import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomToken } from './names.ts';
import { currentTestEnvironment } from './test-environment.ts';
import { workerNatsServerUrl } from './test-servers.ts';

export interface TestNats {
  url: string;
  /**
   * Letters and digits, unique to this call: give it to the service as NATS_NAMESPACE, which then names its
   * streams `${namespace}_TODO_EVENTS` and subjects `${namespace}.todos.events.>`.
   */
  namespace: string;
  /** Deletes every JetStream stream (and so its consumers) this namespace created. */
  cleanup(): Promise<void>;
}

/** A private slice of the test NATS server for one suite: streams of other suites never see its messages. */
export async function useTestNats(): Promise<TestNats> {
  const environment = currentTestEnvironment();
  const url = environment.nats?.url ?? (await workerNatsServerUrl());
  // Starts with the run id, so the globalSetup can sweep whatever a crashed suite left behind.
  const namespace = `t${environment.runId}${randomToken(6)}`;
  return { url, namespace, cleanup: () => deleteStreamsOf(url, namespace).then(() => undefined) };
}

/** Key-value buckets and object stores are streams named `KV_<bucket>` / `OBJ_<bucket>`. */
function belongsTo(stream: string, namespace: string): boolean {
  return [namespace, `KV_${namespace}`, `OBJ_${namespace}`].some((prefix) => stream.startsWith(prefix));
}

/** Deletes the streams of `namespace` (every namespace starting with it) and returns their names. */
export async function deleteStreamsOf(url: string, namespace: string): Promise<string[]> {
  if (!namespace) throw new Error('refusing to delete the streams of an empty namespace');
  const connection = await connect({ servers: url, name: 'todo-bus-testing-cleanup' });
  try {
    const manager = await jetstreamManager(connection);
    const doomed: string[] = [];
    for await (const stream of manager.streams.names()) {
      if (belongsTo(stream, namespace)) doomed.push(stream);
    }
    for (const stream of doomed) await manager.streams.delete(stream);
    return doomed;
  } finally {
    await connection.close();
  }
}
