import { withRetry } from '@todo-bus/db';
import type { CloudEvent } from '@todo-bus/events';
import type { App } from '@todo-bus/http';
import { setTimeout as sleep } from 'node:timers/promises';

/** Retried like any read at SERIALIZABLE: PostgreSQL's SSI may abort it while the relay claims and marks. */
async function unpublishedCount(app: App): Promise<number> {
  // SERIALIZABLE: this read can lose to the relay's claim/mark updates, like any transaction here.
  const [row] = await withRetry(() =>
    app.orm.em
      .getConnection()
      .execute<{ count: number }[]>(
        'select count(*) as count from outbox_message where published_at is null',
      ),
  );
  return Number(row?.count);
}

/** Resolves once the relay has published (and marked) every committed outbox row. */
export async function outboxDrained(app: App, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await unpublishedCount(app)) > 0) {
    if (Date.now() > deadline) throw new Error('the outbox relay did not publish everything in time');
    await sleep(10);
  }
}

export interface StoredEvent {
  seq: number;
  subject: string;
  msgId: string;
  event: CloudEvent;
}

/** The last sequence of the todos stream: read events after it to see only what happened since. */
export async function todoStreamEnd(app: App): Promise<number> {
  return (await app.bus.jsm.streams.info(app.bus.names.stream('todos'))).state.last_seq;
}

/** Every todo event stored in the stream after `afterSeq`, in order, optionally only one user's. */
export async function readTodoEvents(
  app: App,
  options: { userId?: string; afterSeq?: number } = {},
): Promise<StoredEvent[]> {
  const stream = app.bus.names.stream('todos');
  const { state } = await app.bus.jsm.streams.info(stream);
  const stored: StoredEvent[] = [];
  const first = Math.max(state.first_seq, (options.afterSeq ?? 0) + 1);
  for (let seq = first; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await app.bus.jsm.streams.getMessage(stream, { seq });
    if (!message) continue;
    const event = message.json<CloudEvent>();
    if (options.userId && event.userid !== options.userId) continue;
    stored.push({ seq, subject: message.subject, msgId: message.header.get('Nats-Msg-Id'), event });
  }
  return stored;
}

/** Resolves once a durable consumer has been handed, and has acknowledged, everything in its stream. */
export async function consumerCaughtUp(app: App, stream: string, durable: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [info, consumer] = await Promise.all([
      app.bus.jsm.streams.info(stream),
      app.bus.jsm.consumers.info(stream, durable),
    ]);
    const caughtUp = consumer.ack_floor.stream_seq >= info.state.last_seq;
    if (caughtUp && consumer.num_pending === 0 && consumer.num_ack_pending === 0) return;
    if (Date.now() > deadline) throw new Error(`consumer ${durable} did not catch up in time`);
    await sleep(10);
  }
}
