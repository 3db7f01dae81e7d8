import { v7 as uuidv7 } from 'uuid';

/**
 * The envelope of every event on the bus (CloudEvents 1.0, JSON structured mode, plus the `userid`
 * extension) is part of the API contract: browsers read it from `GET /api/events` too.
 */
export { cloudEventSchema, type CloudEvent } from '@todo-bus/contract';

/** Ids are UUIDv7, so they sort by creation time (the outbox relies on that for order). */
export function newEventId(): string {
  return uuidv7();
}
