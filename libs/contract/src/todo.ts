import { z } from 'zod';

/** A todo as it travels on the bus and as the browser's list keeps it: the API's Todo without `url`. */
export const todoStateSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  completed: z.boolean(),
  order: z.int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});

/** The fields a change names (`todo.updated`'s `changed`). */
export const todoFieldSchema = z.enum(['title', 'completed', 'order']);

const { id, title, completed, order, createdAt, updatedAt } = todoStateSchema.shape;
/** A todo as `/api/todos` answers it: `url` depends on who asks (through the gateway, its public URL). */
export const todoSchema = z.object({
  id,
  title,
  completed,
  order,
  url: z.url().describe('Absolute URL of this todo.'),
  createdAt,
  updatedAt,
});

const titleInput = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(500, 'must be at most 500 characters')
  // PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
  .refine((value) => !value.includes('\0'), 'must not contain NUL characters')
  // A lone UTF-16 surrogate is not text: JSON in the outbox (jsonb) refuses it, which was a 500.
  .refine((value) => value.isWellFormed(), 'must be valid Unicode text');
const orderInput = z.int32().describe('Position in the list: lower first; ties keep creation order.');

// Unknown fields are refused (`.strict()`): a typo such as `complete` must not be silently ignored.
/** `POST /api/todos`. */
export const createTodoSchema = z
  .object({ title: titleInput, order: orderInput.optional(), completed: z.boolean().optional() })
  .strict()
  .describe('`order` defaults to after the last todo, `completed` to false.');

/** `PATCH /api/todos/:id`. */
export const updateTodoSchema = z
  .object({ title: titleInput.optional(), completed: z.boolean().optional(), order: orderInput.optional() })
  .strict();

/** `PATCH /api/todos` (TodoMVC "toggle all"). */
export const setAllCompletedSchema = z.object({ completed: z.boolean() }).strict();

const booleanParam = z.enum(['true', 'false']).transform((value) => value === 'true');

/** `GET /api/todos?completed=&limit=&cursor=`. The server also checks that it issued the cursor. */
export const listTodosQuerySchema = z.object({
  completed: booleanParam.optional().describe('Only completed (true) or active (false) todos.'),
  limit: z.coerce.number().int().min(1).max(1000).optional().describe('Page size; without it, every todo.'),
  cursor: z
    .string()
    .optional()
    .describe('Where the page starts: copy it from the `Link: <…>; rel="next"` header.'),
});

/** `DELETE /api/todos?completed=true` (TodoMVC "clear completed"). */
export const removeTodosQuerySchema = z.object({
  completed: booleanParam.optional().describe('`true`: clear completed todos only.'),
});

/** `/api/todos/:id`. */
export const todoParamsSchema = z.object({
  id: z.string().describe('The todo id. Anything that is not one of your todos is not found.'),
});

export type TodoState = z.infer<typeof todoStateSchema>;
export type TodoField = z.infer<typeof todoFieldSchema>;
export type Todo = z.infer<typeof todoSchema>;
export type CreateTodo = z.input<typeof createTodoSchema>;
export type UpdateTodo = z.input<typeof updateTodoSchema>;
export type ListTodosQuery = z.input<typeof listTodosQuerySchema>;
