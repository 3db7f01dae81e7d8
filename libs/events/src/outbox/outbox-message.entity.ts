import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CloudEvent } from '../cloudevent.ts';

/**
 * One event waiting for (or done with) publication. It is written in the same transaction as the state
 * change it describes; the relay publishes it afterwards. `id` is the event id, which is also the
 * JetStream `Nats-Msg-Id`, so a republish after a crash is deduplicated by the stream.
 */
export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox_message',
  properties: {
    id: p.uuid().primary(),
    subject: p.string().length(255),
    payload: p.json<CloudEvent>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** Set by a relay that is publishing the row; another relay may take it over once this passes. */
    claimedUntil: p.datetime().nullable(),
    publishedAt: p.datetime().nullable(),
    attempts: p.integer().columnType('int4').default(0),
  },
  // Unpublished rows only, in claim order: published rows (kept a while, then purged) are not in it at all.
  indexes: [
    {
      name: 'outbox_message_unpublished_idx',
      properties: ['createdAt', 'id'],
      where: 'published_at is null',
    },
  ],
});

export type OutboxMessage = InferEntity<typeof OutboxMessage>;
