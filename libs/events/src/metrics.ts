import { Counter, Gauge, type Registry } from 'prom-client';

/** One instance of each metric per registry, however many relays or consumers report to it. */
function single<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

export interface RelayMetrics {
  published(count: number): void;
  failed(count: number): void;
}

export function relayMetrics(registry: Registry): RelayMetrics {
  const published = single(
    registry,
    'outbox_published_total',
    () =>
      new Counter({
        name: 'outbox_published_total',
        help: 'Outbox rows published to JetStream (PubAck received)',
        registers: [registry],
      }),
  );
  const failed = single(
    registry,
    'outbox_publish_failures_total',
    () =>
      new Counter({
        name: 'outbox_publish_failures_total',
        help: 'Outbox publishes that failed and will be retried',
        registers: [registry],
      }),
  );
  return { published: (count) => published.inc(count), failed: (count) => failed.inc(count) };
}

/** Age of the oldest unpublished outbox row: how far the bus lags behind the database. */
export function outboxLagGauge(registry: Registry, oldestUnpublishedAgeSeconds: () => Promise<number>): void {
  single(
    registry,
    'outbox_lag_seconds',
    () =>
      new Gauge({
        name: 'outbox_lag_seconds',
        help: 'Age of the oldest unpublished outbox row (0 when the outbox is drained)',
        registers: [registry],
        async collect() {
          this.set(await oldestUnpublishedAgeSeconds());
        },
      }),
  );
}

export type ConsumerOutcome = 'acked' | 'retried' | 'dead_lettered';

export interface ConsumerMetrics {
  handled(outcome: ConsumerOutcome): void;
  redelivered(): void;
}

/** Per registry: how to read each consumer's backlog when Prometheus scrapes. */
const pendingReaders = new WeakMap<Registry, Map<string, () => Promise<number>>>();

function consumerLag(registry: Registry): Map<string, () => Promise<number>> {
  let readers = pendingReaders.get(registry);
  if (!readers) pendingReaders.set(registry, (readers = new Map<string, () => Promise<number>>()));
  const all = readers;
  single(
    registry,
    'consumer_pending_messages',
    () =>
      new Gauge({
        name: 'consumer_pending_messages',
        help: 'Messages in the stream not yet delivered to the consumer',
        labelNames: ['consumer'] as const,
        registers: [registry],
        async collect() {
          for (const [consumer, read] of all) this.set({ consumer }, await read().catch(() => 0));
        },
      }),
  );
  return all;
}

export function consumerMetrics(
  registry: Registry,
  consumer: string,
  pending: () => Promise<number>,
): ConsumerMetrics {
  const messages = single(
    registry,
    'consumer_messages_total',
    () =>
      new Counter({
        name: 'consumer_messages_total',
        help: 'Messages handled by durable consumers, by outcome',
        labelNames: ['consumer', 'outcome'] as const,
        registers: [registry],
      }),
  );
  const redeliveries = single(
    registry,
    'consumer_redeliveries_total',
    () =>
      new Counter({
        name: 'consumer_redeliveries_total',
        help: 'Deliveries that were not the first for their message',
        labelNames: ['consumer'] as const,
        registers: [registry],
      }),
  );
  consumerLag(registry).set(consumer, pending);
  return {
    handled: (outcome) => messages.inc({ consumer, outcome }),
    redelivered: () => redeliveries.inc({ consumer }),
  };
}
