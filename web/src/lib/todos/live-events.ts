// The todo events of GET /api/events (CloudEvents in the SSE `data:`), read into changes the list applies.
// The events' shape is the API contract's (libs/contract), the same schemas the services publish with.
import { todoEventSchema, todoEventTypes, type TodoState } from '@todo-bus/contract';

export type LiveChange =
  { type: 'todo.created' | 'todo.updated'; todo: TodoState } | { type: 'todo.deleted'; id: string };

/** The SSE event types the page listens to. */
export const liveEventTypes = todoEventTypes;

/**
 * The change an SSE message describes, or null for anything this page does not understand (a newer event
 * version, a payload the contract does not allow, an `event:` that is not the CloudEvent's type): the list
 * then simply does not change.
 */
export function parseLiveChange(type: string, data: string): LiveChange | null {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = todoEventSchema.safeParse(json);
  if (!parsed.success || parsed.data.type !== type) return null;
  const event = parsed.data;
  switch (event.type) {
    case 'todo.created':
    case 'todo.updated':
      // The contract's todo state: unknown fields are already left out.
      return { type: event.type, todo: event.data.todo };
    case 'todo.deleted':
      return { type: event.type, id: event.data.id };
  }
}
