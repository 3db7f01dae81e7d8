import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type {} from '@todo-bus/telemetry'; // brings the readinessChecks decorator's type
import { ensureStreams } from './streams.ts';
import { busNames, type BusNames } from './subjects.ts';

export interface Bus {
  connection: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: BusNames;
}

declare module 'fastify' {
  interface FastifyInstance {
    bus: Bus;
  }
}

export interface NatsPluginOptions {
  url: string;
  namespace: string;
  /** Client name shown in NATS monitoring. */
  name: string;
  /** Replicas of the streams this part creates if they are missing (3 on a cluster). */
  replicas?: number;
}

export async function connectBus({ url, namespace, name, replicas = 1 }: NatsPluginOptions): Promise<Bus> {
  const connection = await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  const jsm = await jetstreamManager(connection);
  const names = busNames(namespace);
  await ensureStreams(jsm, names, replicas);
  return { connection, js: jetstream(connection), jsm, names };
}

async function nats(app: FastifyInstance, options: NatsPluginOptions) {
  const bus = await connectBus(options);
  app.decorate('bus', bus);
  app.readinessChecks.set('nats', async () => {
    if (bus.connection.isClosed()) throw new Error('connection closed');
    await bus.connection.flush();
  });
  // drain() lets in-flight publishes and acks finish before the connection closes.
  app.addHook('onClose', () => bus.connection.drain());
}

/** Owns the NATS connection and makes sure the event streams exist. */
export const natsPlugin = fp(nats, { name: 'nats', dependencies: ['health'] });
