// The todo events of GET /api/events (CloudEvents in the SSE `data:`), read into changes the list applies.
import type { TodoState } from '../types.ts';

export type LiveChange =
  { type: 'todo.created' | 'todo.updated'; todo: TodoState } | { type: 'todo.deleted'; id: string };

export const liveEventTypes = ['todo.created', 'todo.updated', 'todo.deleted'] as const;
export type LiveEventType = (typeof liveEventTypes)[number];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function readTodo(value: unknown): TodoState | null {
  if (!isRecord(value)) return null;
  const { id, title, completed, order, createdAt, updatedAt } = value;
  if (
    typeof id !== 'string' ||
    typeof title !== 'string' ||
    typeof completed !== 'boolean' ||
    typeof order !== 'number' ||
    typeof createdAt !== 'string' ||
    typeof updatedAt !== 'string'
  ) {
    return null;
  }
  return { id, title, completed, order, createdAt, updatedAt };
}

/**
 * The change an SSE message describes, or null for anything this page does not understand (a newer event
 * version, a broken payload): the list then simply does not change.
 */
export function parseLiveChange(type: string, data: string): LiveChange | null {
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    return null;
  }
  if (!isRecord(event) || !isRecord(event.data)) return null;
  switch (type) {
    case 'todo.created':
    case 'todo.updated': {
      const todo = readTodo(event.data.todo);
      return todo ? { type, todo } : null;
    }
    case 'todo.deleted':
      return typeof event.data.id === 'string' ? { type, id: event.data.id } : null;
    default:
      return null;
  }
}
