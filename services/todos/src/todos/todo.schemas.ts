import { z } from 'zod';
import { decodeCursor } from './todo.cursor.ts';

/** Request and response shapes of /api/todos: they validate requests and describe the API in OpenAPI. */

const title = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(500, 'must be at most 500 characters')
  // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
  .refine((value) => !value.includes('\0'), 'must not contain NUL characters')
  // A lone UTF-16 surrogate is not text: JSON in the outbox (jsonb) refuses it, which was a 500.
  .refine((value) => value.isWellFormed(), 'must be valid Unicode text');
const order = z.int32().describe('Position in the list: lower first; ties keep creation order.');

// Unknown fields are refused (`.strict()`): a typo such as `complete` must not be silently ignored.
export const createTodoBody = z
  .object({ title, order: order.optional(), completed: z.boolean().optional() })
  .strict()
  .describe('`order` defaults to after the last todo, `completed` to false.');

export const updateTodoBody = z
  .object({ title: title.optional(), completed: z.boolean().optional(), order: order.optional() })
  .strict();

export const setAllCompletedBody = z.object({ completed: z.boolean() }).strict();

const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');

export const listTodosQuery = z.object({
  completed: booleanParam.optional().describe('Only completed (true) or active (false) todos.'),
  limit: z.coerce.number().int().min(1).max(1000).optional().describe('Page size; without it, every todo.'),
  cursor: z
    .string()
    .transform((cursor, context) => {
      const position = decodeCursor(cursor);
      if (!position) context.addIssue({ code: 'custom', message: 'is not a cursor this API issued' });
      return position ?? z.NEVER;
    })
    .optional()
    .describe('Where the page starts: copy it from the `Link: <…>; rel="next"` header.'),
});

export const removeTodosQuery = z.object({
  completed: booleanParam.optional().describe('`true`: clear completed todos only.'),
});

export const todoParams = z.object({
  id: z.string().describe('The todo id. Anything that is not one of your todos is not found.'),
});

export const todoResponse = z.object({
  id: z.uuid(),
  title: z.string(),
  completed: z.boolean(),
  order: z.int(),
  url: z.url().describe('Absolute URL of this todo.'),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

export type TodoResponse = z.infer<typeof todoResponse>;

/** RFC 9457 problem details, as libs/http answers every error. */
export const problemResponse = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('Problem details (RFC 9457), sent as application/problem+json.');

export const noContent = z.null().describe('No content.');

const common = { tags: ['todos'], security: [{ bearerAuth: [] }] };
const errors = { 400: problemResponse, 401: problemResponse };
const todoErrors = { ...errors, 404: problemResponse };
const todoList = todoResponse.array().describe('Todos in list order: order, then creation time.');

/** Each route's whole schema: what it accepts and every answer it gives (OpenAPI is built from these). */
export const routeSchemas = {
  list: {
    ...common,
    summary: 'List todos',
    description: 'With `limit`, a `Link: <…>; rel="next"` header points at the next page, if any.',
    querystring: listTodosQuery,
    response: { 200: todoList, ...errors },
  },
  create: {
    ...common,
    summary: 'Create a todo',
    description: 'Answers 201 with the todo and its url in `Location`.',
    body: createTodoBody,
    response: { 201: todoResponse, ...errors },
  },
  setAllCompleted: {
    ...common,
    summary: 'Mark every todo completed, or every todo active',
    body: setAllCompletedBody,
    response: { 200: todoList, ...errors },
  },
  removeAll: {
    ...common,
    summary: 'Delete every todo, or with `completed=true` the completed ones',
    querystring: removeTodosQuery,
    response: { 204: noContent, ...errors },
  },
  get: {
    ...common,
    summary: 'Get a todo',
    params: todoParams,
    response: { 200: todoResponse, ...todoErrors },
  },
  update: {
    ...common,
    summary: 'Change a todo',
    params: todoParams,
    body: updateTodoBody,
    response: { 200: todoResponse, ...todoErrors },
  },
  remove: {
    ...common,
    summary: 'Delete a todo',
    params: todoParams,
    response: { 204: noContent, ...todoErrors },
  },
};
