import { MikroORM } from '@mikro-orm/postgresql';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createOrmOptions, inTransaction } from '@todo-bus/db';
import { useTestDatabase, useTestNats, type TestDatabase, type TestNats } from '@todo-bus/testing';
import { tmpdir } from 'node:os';
import { busNames, OutboxMessage, ProcessedEvent, type BusNames } from '../src/index.ts';
import { enqueueEvent } from '../src/outbox/enqueue.ts';
import { ensureStreams } from '../src/streams.ts';
import { sampleTodoCreated } from '../src/testing.ts';

const ormOptions = (databaseUrl: string) =>
  createOrmOptions({ databaseUrl, entities: [OutboxMessage, ProcessedEvent], migrationsPath: tmpdir() });

/** The lib's own tables, from its entities (the services test their real migrations). */
export async function createEventsTestSchema(databaseUrl: string): Promise<void> {
  const orm = await MikroORM.init(ormOptions(databaseUrl));
  try {
    await orm.schema.create();
  } finally {
    await orm.close();
  }
}

export interface EventsHarness {
  orm: MikroORM;
  connection: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: BusNames;
  close(): Promise<void>;
}

/** A suite's own database and NATS namespace, with the streams created. */
export async function openHarness(): Promise<EventsHarness> {
  const database: TestDatabase = await useTestDatabase();
  const nats: TestNats = await useTestNats();
  const orm = await MikroORM.init(ormOptions(database.url));
  const connection = await connect({ servers: nats.url });
  const jsm = await jetstreamManager(connection);
  const names = busNames(nats.namespace);
  await ensureStreams(jsm, names);
  return {
    orm,
    connection,
    js: jetstream(connection),
    jsm,
    names,
    async close() {
      await connection.drain();
      await orm.close();
      await nats.cleanup();
      await database.drop();
    },
  };
}

export const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Commits `count` todo.created events for one user through the outbox, as a service would. */
export async function commitTodoEvents(harness: EventsHarness, userId: string, count: number) {
  const events = Array.from({ length: count }, (_, index) =>
    sampleTodoCreated(userId, { title: `todo ${index}`, order: index }),
  );
  await inTransaction(harness.orm.em, async (em) => {
    for (const event of events) enqueueEvent(em, harness.names, event);
  });
  return events;
}

/** Every message stored in a stream, in order. */
export async function readStream(harness: EventsHarness, stream: string) {
  const info = await harness.jsm.streams.info(stream);
  const messages = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const message = await harness.jsm.streams.getMessage(stream, { seq });
    if (message) messages.push(message);
  }
  return messages;
}
