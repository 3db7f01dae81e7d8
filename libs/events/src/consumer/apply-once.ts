import { inTransaction, type EntityManager } from '@todo-bus/db';

/**
 * Applies `effect` for an event at most once per consumer: the processed-event record and the effect
 * commit together (and are retried together on 40001). Returns false when the event was already applied.
 */
export function applyOnce(
  em: EntityManager,
  key: { consumer: string; eventId: string },
  effect: (em: EntityManager) => Promise<void>,
): Promise<boolean> {
  return inTransaction(em, async (tx) => {
    const inserted = await tx.execute<{ event_id: string }[]>(
      `insert into processed_event (consumer, event_id, processed_at) values (?, ?, now())
       on conflict do nothing returning event_id`,
      [key.consumer, key.eventId],
    );
    if (inserted.length === 0) return false;
    await effect(tx);
    return true;
  });
}
