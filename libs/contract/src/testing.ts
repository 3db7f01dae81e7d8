// What the API really sends, for tests on either side of it (browser-safe like the rest of the package):
// a fixture built here cannot drift from the contract the way a hand-written one did.
import type { CloudEvent } from './events.ts';
import type { TodoState } from './todo.ts';

/** A todo as events carry it and the browser's list keeps it. */
export function exampleTodoState(overrides: Partial<TodoState> = {}): TodoState {
  return {
    id: 'a2a3b074-0210-47cc-8ee3-a432767539d7',
    title: 'milk',
    completed: false,
    order: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A whole CloudEvent as the todos service publishes it and `GET /api/events` relays it. */
export function exampleEvent<Data>(type: string, data: Data): CloudEvent<Data> {
  return {
    specversion: '1.0',
    id: '019a5c3e-8a2b-7c3d-9e4f-0a1b2c3d4e5f',
    source: '/services/todos',
    type,
    subject: 'a2a3b074-0210-47cc-8ee3-a432767539d7',
    time: '2026-01-01T00:00:00.000Z',
    datacontenttype: 'application/json',
    dataschema: `https://todo-bus.dev/schemas/events/${type}/v1`,
    userid: 'b7c1e0f2-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
    data,
  };
}
