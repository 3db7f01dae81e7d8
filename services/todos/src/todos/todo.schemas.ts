import {
  createTodoSchema,
  listTodosQuerySchema,
  problemSchema,
  removeTodosQuerySchema,
  setAllCompletedSchema,
  todoParamsSchema,
  todoSchema,
  updateTodoSchema,
  type Todo,
} from '@todo-bus/contract';
import { z } from 'zod';
import { decodeCursor } from './todo.cursor.ts';

/**
 * The routes of /api/todos: the shapes come from the API contract (libs/contract, which the web app reads
 * too); this adds what only the server knows (the cursors it issued) and each route's OpenAPI description.
 */

/** A todo as the routes answer it. */
export type TodoResponse = Todo;

const { cursor } = listTodosQuerySchema.shape;
const listTodosQuery = listTodosQuerySchema.extend({
  cursor: cursor
    .unwrap()
    .transform((value, context) => {
      const position = decodeCursor(value);
      if (!position) context.addIssue({ code: 'custom', message: 'is not a cursor this API issued' });
      return position ?? z.NEVER;
    })
    .optional()
    .describe(cursor.description ?? ''),
});

const noContent = z.null().describe('No content.');

const common = { tags: ['todos'], security: [{ bearerAuth: [] }] };
const errors = { 400: problemSchema, 401: problemSchema };
const todoErrors = { ...errors, 404: problemSchema };
const todoList = todoSchema.array().describe('Todos in list order: order, then creation time.');

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
    description:
      'Answers 201 with the todo and its url in `Location`; 409 when the caller already keeps their quota of todos.',
    body: createTodoSchema,
    response: { 201: todoSchema, ...errors, 409: problemSchema },
  },
  setAllCompleted: {
    ...common,
    summary: 'Mark every todo completed, or every todo active',
    body: setAllCompletedSchema,
    response: { 200: todoList, ...errors },
  },
  removeAll: {
    ...common,
    summary: 'Delete every todo, or with `completed=true` the completed ones',
    querystring: removeTodosQuerySchema,
    response: { 204: noContent, ...errors },
  },
  get: {
    ...common,
    summary: 'Get a todo',
    params: todoParamsSchema,
    response: { 200: todoSchema, ...todoErrors },
  },
  update: {
    ...common,
    summary: 'Change a todo',
    params: todoParamsSchema,
    body: updateTodoSchema,
    response: { 200: todoSchema, ...todoErrors },
  },
  remove: {
    ...common,
    summary: 'Delete a todo',
    params: todoParamsSchema,
    response: { 204: noContent, ...todoErrors },
  },
};
