import { dataSchemaUri, eventCatalog, type EventType } from '../catalog.ts';
import { busNames } from '../subjects.ts';
import {
  cloudEventJsonSchema,
  eventDataJsonSchema,
  eventTypes,
  publishedSchemaName,
  type JsonSchema,
} from './json-schemas.ts';

/** An AsyncAPI 3.0 document, as plain JSON. */
export type AsyncApiDocument = { asyncapi: '3.0.0' } & Record<string, unknown>;

const description = `Every state change of Todo Bus is published on NATS JetStream as a CloudEvent 1.0 in JSON
structured mode, with the extension attribute \`userid\`. Producers commit an event in the same transaction as
the change (outbox) and publish it with \`Nats-Msg-Id\` = the event id, so a republish is deduplicated.

Subjects are \`<domain>.events.<userId>.<type>\`; streams \`AUTH_EVENTS\` (\`auth.events.>\`) and
\`TODO_EVENTS\` (\`todos.events.>\`) keep 30 days. An isolated run (a test suite, a second local stack) prefixes
subjects with \`<namespace>.\` and streams with \`<namespace>_\`.

\`type\` never changes; \`dataschema\` names the version of the \`data\` schema
(\`https://todo-bus.dev/schemas/events/<type>/v<n>\`). A published version never changes, and a new version
keeps every required field of the previous one. Consumers are durable JetStream consumers with explicit acks,
redelivery with backoff and a dead-letter subject (\`dlq.<consumer>\`), and are idempotent by event id.`;

/** `todo.created` → `todoCreated`: channel and operation ids may not contain dots. */
function idOf(type: EventType): string {
  return type.replace(/\.(\w)/g, (_match, letter: string) => letter.toUpperCase());
}

/** The CloudEvent of one type: the envelope with `type` and `dataschema` fixed and `data` its schema. */
function payloadOf(type: EventType, envelope: JsonSchema): JsonSchema {
  const { domain, version } = eventCatalog[type];
  return {
    ...envelope,
    title: `${type} CloudEvent`,
    properties: {
      ...envelope.properties,
      type: { type: 'string', const: type },
      source: { type: 'string', minLength: 1, examples: [`/services/${domain}`] },
      subject: { type: 'string', minLength: 1, description: 'The id of the entity the event is about.' },
      dataschema: { type: 'string', const: dataSchemaUri(type) },
      userid: { ...envelope.properties?.userid, description: 'The user the event belongs to.' },
      data: { $ref: `#/components/schemas/${publishedSchemaName(type, version)}` },
    },
    required: [...new Set([...(envelope.required ?? []), 'dataschema'])],
  };
}

/**
 * The event contract as an AsyncAPI 3.0 document, generated from the catalog's zod schemas: one channel
 * per event type (its subject, with the user as parameter), one `send` operation and one message each.
 * Committed as libs/events/asyncapi.json (`npm run asyncapi -w libs/events`) and served at /docs/events.
 */
export function buildAsyncApiDocument(): AsyncApiDocument {
  const names = busNames();
  const envelope = cloudEventJsonSchema();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const type of eventTypes) {
    const { domain, version, summary } = eventCatalog[type];
    const id = idOf(type);
    schemas[publishedSchemaName(type, version)] = {
      title: `${type} data, version ${version}`,
      ...eventDataJsonSchema(type),
    };
    messages[id] = {
      name: type,
      title: `${type} (v${version})`,
      summary,
      contentType: 'application/cloudevents+json',
      headers: {
        type: 'object',
        properties: {
          'Nats-Msg-Id': { type: 'string', description: 'The event id: JetStream drops a republished copy.' },
        },
      },
      payload: payloadOf(type, envelope),
    };
    channels[id] = {
      address: names.subject(domain, '{userId}', type),
      title: type,
      description: `${summary} Stored in the stream ${names.stream(domain)}.`,
      parameters: { userId: { description: 'The id of the user the event belongs to (its `userid`).' } },
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`send${id.charAt(0).toUpperCase()}${id.slice(1)}`] = {
      action: 'send',
      title: `Publish ${type}`,
      summary: `The ${domain} service publishes ${type} through its outbox.`,
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Todo Bus events',
      version: '1.0.0',
      description,
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      nats: {
        host: 'nats:4222',
        protocol: 'nats',
        description: 'NATS with JetStream: the NATS_URL every part is given.',
      },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}
