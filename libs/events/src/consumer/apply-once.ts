import type { EntityManager } from '@todo-bus/db';
import type { UnitOfWork } from '../outbox/unit-of-work.ts';

export interface ConsumedEvent {
  consumer: string;
  eventId: string;
}

/** The record of which events a consumer has applied, in the unit of work that applies them. */
export interface ProcessedEvents {
  /** False when the event was recorded (applied) already. */
  record(event: ConsumedEvent): Promise<boolean>;
}

export function processedEvents(em: EntityManager): ProcessedEvents {
  return {
    async record({ consumer, eventId }) {
      const inserted = await em.execute<{ event_id: string }[]>(
        `insert into processed_event (consumer, event_id, processed_at) values (?, ?, now())
         on conflict do nothing returning event_id`,
        [consumer, eventId],
      );
      return inserted.length > 0;
    },
  };
}

/**
 * Applies `effect` for an event at most once per consumer: the processed-event record and the effect
 * commit together (and are retried together on 40001). Returns false when the event was already applied.
 */
export function applyOnce<Work extends { processedEvents: ProcessedEvents }>(
  transaction: UnitOfWork<Work>,
  event: ConsumedEvent,
  effect: (tx: Work) => Promise<void>,
): Promise<boolean> {
  return transaction(async (tx) => {
    if (!(await tx.processedEvents.record(event))) return false;
    await effect(tx);
    return true;
  });
}
