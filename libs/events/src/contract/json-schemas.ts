import { z } from 'zod';
import { eventCatalog, type EventType } from '../catalog.ts';
import { cloudEventSchema } from '../cloudevent.ts';

/** The subset of JSON Schema (draft-07) the contract checks look at; the rest passes through untouched. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  [keyword: string]: unknown;
}

/** Every event type, in catalog order. */
export const eventTypes = Object.keys(eventCatalog) as EventType[];

/** `todo.created.v1`: the name of a published schema, as file name and AsyncAPI component. */
export function publishedSchemaName(type: string, version: number): string {
  return `${type}.v${version}`;
}

/**
 * A zod schema as JSON Schema draft-07 (the dialect AsyncAPI schemas extend), describing what parsing
 * accepts (`io: 'input'`): zod drops unknown keys instead of rejecting them, so no `additionalProperties`.
 */
function toJsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { target: 'draft-07', io: 'input' });
  return jsonSchema as JsonSchema;
}

/** The JSON Schema of an event type's `data`, at the catalog's current version. */
export function eventDataJsonSchema(type: EventType): JsonSchema {
  return toJsonSchema(eventCatalog[type].data);
}

/** The CloudEvents envelope every event shares. */
export function cloudEventJsonSchema(): JsonSchema {
  return toJsonSchema(cloudEventSchema);
}
