import type { EntityManager } from '@mikro-orm/core';
import { traceHeaders } from '@todo-bus/telemetry';
import { eventCatalog, type EventType, type TypedEvent } from '../catalog.ts';
import type { BusNames } from '../subjects.ts';
import { OutboxMessage } from './outbox-message.entity.ts';

/**
 * Records an event in the outbox of the current transaction: it becomes visible to the relay only if the
 * state change it describes commits. Call inside `inTransaction`. When tracing is on, the event carries
 * the request's trace context (`traceparent`), so the relay and consumers continue the same trace.
 */
export function enqueueEvent<Type extends EventType>(
  em: EntityManager,
  names: BusNames,
  event: TypedEvent<Type>,
): void {
  const domain = eventCatalog[event.type].domain;
  em.create(OutboxMessage, {
    id: event.id,
    subject: names.subject(domain, event.userid, event.type),
    payload: { ...event, ...traceHeaders() },
    createdAt: new Date(event.time),
    claimedUntil: null,
    publishedAt: null,
    attempts: 0,
  });
}
