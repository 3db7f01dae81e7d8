import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type {} from '@todo-bus/telemetry';
import { outboxLagGauge, relayMetrics } from '../metrics.ts';
import { OutboxRelay, type RelayOptions } from './relay.ts';

declare module 'fastify' {
  interface FastifyInstance {
    outboxRelay: OutboxRelay;
  }
}

export type RelayPluginOptions = Omit<RelayOptions, 'orm' | 'js' | 'logger' | 'metrics'>;

async function relay(app: FastifyInstance, options: RelayPluginOptions) {
  const outboxRelay = new OutboxRelay({
    ...options,
    orm: app.orm,
    js: app.bus.js,
    logger: app.log.child({ component: 'outbox-relay' }),
    metrics: relayMetrics(app.metrics),
  });
  outboxLagGauge(app.metrics, async () => {
    const [row] = await app.orm.em
      .getConnection()
      .execute<{ age: string | null }[]>(
        'select extract(epoch from now() - min(created_at)) as age from outbox_message where published_at is null',
      );
    return Math.max(0, Number(row?.age ?? 0));
  });
  app.decorate('outboxRelay', outboxRelay);
  app.addHook('onReady', async () => outboxRelay.start());
  // Registered after db and nats, so it stops before they close (onClose runs in reverse order).
  app.addHook('onClose', () => outboxRelay.stop());
}

/** Runs the outbox relay for the app's lifetime. */
export const outboxRelayPlugin = fp(relay, { name: 'outbox-relay', dependencies: ['db', 'nats', 'metrics'] });
