import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestNats, type TestNats } from '../src/index.ts';

describe('useTestNats', () => {
  let first: TestNats;
  let second: TestNats;
  let connection: NatsConnection;
  let manager: JetStreamManager;

  const streamsOf = async (namespace: string) => {
    const names: string[] = [];
    for await (const name of manager.streams.names()) if (name.startsWith(namespace)) names.push(name);
    return names.sort();
  };

  beforeAll(async () => {
    [first, second] = await Promise.all([useTestNats(), useTestNats()]);
    connection = await connect({ servers: first.url });
    manager = await jetstreamManager(connection);
  });

  afterAll(async () => {
    await Promise.all([first.cleanup(), second.cleanup()]);
    expect(await streamsOf(first.namespace)).toEqual([]);
    expect(await streamsOf(second.namespace)).toEqual([]);
    await connection.close();
  });

  it('hands out distinct namespaces made of letters and digits', () => {
    expect(first.namespace).not.toBe(second.namespace);
    expect(first.namespace).toMatch(/^[a-z][a-z0-9]+$/);
    expect(second.url).toBe(first.url);
  });

  it('cleanup() deletes only the streams of its own namespace', async () => {
    const addStream = (namespace: string, name: string, subject: string) =>
      manager.streams.add({ name: `${namespace}_${name}`, subjects: [`${namespace}.${subject}.>`] });
    await addStream(first.namespace, 'TODO_EVENTS', 'todos.events');
    await addStream(first.namespace, 'AUTH_EVENTS', 'auth.events');
    await addStream(second.namespace, 'TODO_EVENTS', 'todos.events');

    await first.cleanup();

    expect(await streamsOf(first.namespace)).toEqual([]);
    expect(await streamsOf(second.namespace)).toEqual([`${second.namespace}_TODO_EVENTS`]);
  });
});
