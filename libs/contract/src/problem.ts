import { z } from 'zod';

/**
 * Where a field error points, as Fastify names the part of the request it validated. The server names a
 * field `<location>.<path>` (`body.title`, `querystring.limit`); a form only cares about the path.
 */
export const fieldLocations = ['body', 'querystring', 'params', 'headers'] as const;
export type FieldLocation = (typeof fieldLocations)[number];

/** `fieldPath('querystring', 'limit')` → `querystring.limit`: how the server names a field at fault. */
export function fieldPath(location: FieldLocation, ...path: readonly string[]): string {
  return [location, ...path.filter(Boolean)].join('.');
}

/** `body.email` → `email`: the API names where a value was, the form names the input. */
export function fieldName(field: string): string {
  const dot = field.indexOf('.');
  const location = field.slice(0, dot);
  return dot > 0 && (fieldLocations as readonly string[]).includes(location) ? field.slice(dot + 1) : field;
}

export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });

/** RFC 9457 problem details: every error any part of the system answers with. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .describe('Problem details (RFC 9457), sent as application/problem+json.');

/** A field validation error inside a problem; `field` is a `fieldPath`. */
export type FieldError = z.infer<typeof fieldErrorSchema>;
export type Problem = z.infer<typeof problemSchema>;
