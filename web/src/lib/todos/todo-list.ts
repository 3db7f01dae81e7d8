// Pure helpers for the list the browser shows.
import type { Todo, TodoState } from '@todo-bus/contract';

/** A row of the list: a todo, plus the key its row keeps while a new todo is being saved. */
export interface TodoItem extends TodoState {
  /** Stable across the switch from a local placeholder to the saved todo, so the row is not re-created. */
  key: string;
  /** True until the server has stored it. */
  saving: boolean;
}

/** The API's todo as the list keeps it (the list needs no `url`). */
export function toState({ id, title, completed, order, createdAt, updatedAt }: Todo | TodoState): TodoState {
  return { id, title, completed, order, createdAt, updatedAt };
}

/** The server's list order: `order`, then creation time (then id, so equal rows never swap). */
export function compareTodos(a: TodoState, b: TodoState): number {
  return a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Where a new todo goes: after the last one, as the server places it. */
export function nextOrder(todos: Iterable<TodoState>): number {
  let last = -1;
  for (const todo of todos) last = Math.max(last, todo.order);
  return last + 1;
}

/** Whether `incoming` is at least as new as `current` (equal: the same write seen twice). */
export function isNewer(incoming: TodoState, current: TodoState | undefined): boolean {
  return !current || incoming.updatedAt >= current.updatedAt;
}
