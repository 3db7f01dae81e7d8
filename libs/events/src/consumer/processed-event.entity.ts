import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Which events a consumer has applied: written in the same transaction as the effect, so replays are no-ops. */
export const ProcessedEvent = defineEntity({
  name: 'ProcessedEvent',
  tableName: 'processed_event',
  properties: {
    consumer: p.string().length(100).primary(),
    eventId: p.uuid().primary(),
    processedAt: p.datetime().onCreate(() => new Date()),
  },
});

export type ProcessedEvent = InferEntity<typeof ProcessedEvent>;
