import { z } from 'zod';
import { todoFieldSchema, todoStateSchema } from './todo.ts';
import { userSchema } from './user.ts';

/**
 * CloudEvents 1.0, JSON structured mode, plus the `userid` extension attribute: the envelope of every event
 * on the bus, and the `data:` of every message of `GET /api/events`.
 */
export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  id: z.uuid(),
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().optional(),
  userid: z.uuid(),
  /** CloudEvents distributed-tracing extension: the W3C trace context of the change that caused the event. */
  traceparent: z.string().optional(),
  tracestate: z.string().optional(),
  data: z.unknown(),
});

export type CloudEvent<Data = unknown> = Omit<z.infer<typeof cloudEventSchema>, 'data'> & { data: Data };

/**
 * The `data` of each event type at its current version. libs/events adds what the bus needs (owning
 * stream, version, summary) and publishes these as JSON Schemas and AsyncAPI: a published version never
 * changes, so change a schema here only together with a version bump there.
 */
export const eventDataSchemas = {
  // The API's user, whose email the account's creation has already validated.
  'user.registered': userSchema.extend({ email: z.email() }),
  'user.deleted': z.object({ id: z.uuid() }),
  'todo.created': z.object({ todo: todoStateSchema }),
  'todo.updated': z.object({ todo: todoStateSchema, changed: z.array(todoFieldSchema).min(1) }),
  'todo.deleted': z.object({ id: z.uuid() }),
} as const;

export type EventType = keyof typeof eventDataSchemas;
export type EventData<Type extends EventType> = z.infer<(typeof eventDataSchemas)[Type]>;
export type TypedEvent<Type extends EventType> = CloudEvent<EventData<Type>> & { type: Type };

/** The todo events a browser receives from `GET /api/events` (SSE `event:` = the type). */
export const todoEventTypes = ['todo.created', 'todo.updated', 'todo.deleted'] as const;
export type TodoEventType = (typeof todoEventTypes)[number];

/** A whole event of one type: the envelope with that `type` and its `data`. */
export function typedEventSchema<Type extends EventType>(type: Type) {
  return cloudEventSchema.extend({ type: z.literal(type), data: eventDataSchemas[type] });
}

/** Any todo event, told apart by `type`. */
export const todoEventSchema = z.discriminatedUnion('type', [
  typedEventSchema('todo.created'),
  typedEventSchema('todo.updated'),
  typedEventSchema('todo.deleted'),
]);
export type TodoEvent = z.infer<typeof todoEventSchema>;
