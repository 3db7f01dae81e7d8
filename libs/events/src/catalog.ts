import {
  eventDataSchemas,
  type EventData as ContractEventData,
  type EventType as ContractEventType,
} from '@todo-bus/contract';
import { newEventId, type CloudEvent } from './cloudevent.ts';

export { todoStateSchema, todoFieldSchema } from '@todo-bus/contract';

/**
 * Every event type on the bus, with the domain (stream) that owns it, its schema version and the schema
 * of its `data` (from the API contract, libs/contract, which the browser reads live events with).
 * Consumers validate against these; the AsyncAPI document is generated from them.
 *
 * A published `type@version` never changes (src/contract/compatibility.test.ts): to change a schema, bump
 * `version` (the events' `dataschema` names it) and run `npm run asyncapi -w libs/events`, which publishes
 * the new version's JSON Schema next to the old ones. A new version must keep every required field.
 */
export const eventCatalog = {
  'user.registered': {
    domain: 'auth',
    version: 1,
    summary: 'A user account was created.',
    data: eventDataSchemas['user.registered'],
  },
  'user.deleted': {
    domain: 'auth',
    version: 1,
    summary: 'A user account was deleted; services remove what the user owned.',
    data: eventDataSchemas['user.deleted'],
  },
  'todo.created': {
    domain: 'todos',
    version: 1,
    summary: 'A todo was created.',
    data: eventDataSchemas['todo.created'],
  },
  'todo.updated': {
    domain: 'todos',
    version: 1,
    summary: 'A todo changed; `changed` names the fields that did.',
    data: eventDataSchemas['todo.updated'],
  },
  'todo.deleted': {
    domain: 'todos',
    version: 1,
    summary: 'A todo was deleted.',
    data: eventDataSchemas['todo.deleted'],
  },
} as const satisfies Record<ContractEventType, unknown>;

export type EventType = keyof typeof eventCatalog;
export type EventDomain = (typeof eventCatalog)[EventType]['domain'];
export type EventData<Type extends EventType> = ContractEventData<Type>;
export type TypedEvent<Type extends EventType> = CloudEvent<EventData<Type>> & { type: Type };

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalog, type);
}

export function dataSchemaUri(type: EventType): string {
  return `https://todo-bus.dev/schemas/events/${type}/v${eventCatalog[type].version}`;
}

/** Builds a validated event: a producer cannot put data on the bus that its consumers would reject. */
export function createEvent<Type extends EventType>(input: {
  type: Type;
  source: string;
  subject: string;
  userId: string;
  data: EventData<Type>;
  time?: Date;
}): TypedEvent<Type> {
  const data = eventCatalog[input.type].data.parse(input.data) as EventData<Type>;
  return {
    specversion: '1.0',
    id: newEventId(),
    source: input.source,
    type: input.type,
    subject: input.subject,
    time: (input.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(input.type),
    userid: input.userId,
    data,
  };
}
