import type { TodoState } from '@todo-bus/contract';
import type { CloudEvent } from '@todo-bus/events';
import type { TodoResponse } from './api.ts';

/** What a client can predict about a todo; id and createdAt come from the server's answer. */
export interface ModelTodo {
  id: string;
  title: string;
  completed: boolean;
  order: number;
  createdAt: string;
}

function inListOrder(a: ModelTodo, b: ModelTodo): number {
  return (
    a.order - b.order ||
    (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The list order of the API: order, then createdAt, then id. */
export function sortedTodos<T extends ModelTodo>(todos: Iterable<T>): T[] {
  return [...todos].sort(inListOrder);
}

export function predictable({ id, title, completed, order, createdAt }: ModelTodo): ModelTodo {
  return { id, title, completed, order, createdAt };
}

export function stateOf({ url: _url, ...state }: TodoResponse): TodoState {
  return state;
}

/** Rebuilds a user's list from nothing but their events, as any consumer of the stream could. */
export function replay(events: CloudEvent[]): TodoState[] {
  const todos = new Map<string, TodoState>();
  for (const event of events) {
    const data = event.data as { todo?: TodoState; id?: string };
    if (event.type === 'todo.deleted' && data.id) todos.delete(data.id);
    else if (data.todo) todos.set(data.todo.id, data.todo);
  }
  return sortedTodos(todos.values());
}
