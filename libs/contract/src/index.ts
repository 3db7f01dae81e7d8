/**
 * The public API's contract, once: zod schemas (and their types) that the services validate requests with
 * and describe in OpenAPI/AsyncAPI, and that the web app reads answers and live events with.
 * Browser-safe: it imports nothing but zod (src/node-free.test.ts keeps it so).
 */
export {
  fieldLocations,
  fieldPath,
  fieldName,
  fieldErrorSchema,
  problemSchema,
  type FieldLocation,
  type FieldError,
  type Problem,
} from './problem.ts';
export {
  emailMaxLength,
  passwordLength,
  emailSchema,
  passwordSchema,
  credentialsSchema,
  loginSchema,
  deleteAccountSchema,
  refreshTokenSchema,
  userSchema,
  meSchema,
  sessionSchema,
  type Credentials,
  type User,
  type Me,
  type Session,
} from './user.ts';
export { accessTokenCookie, refreshTokenCookie } from './session-cookies.ts';
export {
  todoStateSchema,
  todoFieldSchema,
  todoSchema,
  createTodoSchema,
  updateTodoSchema,
  setAllCompletedSchema,
  listTodosQuerySchema,
  removeTodosQuerySchema,
  todoParamsSchema,
  type TodoState,
  type TodoField,
  type Todo,
  type CreateTodo,
  type UpdateTodo,
  type ListTodosQuery,
} from './todo.ts';
export {
  cloudEventSchema,
  eventDataSchemas,
  todoEventTypes,
  typedEventSchema,
  todoEventSchema,
  type CloudEvent,
  type EventType,
  type EventData,
  type TypedEvent,
  type TodoEventType,
  type TodoEvent,
} from './events.ts';
