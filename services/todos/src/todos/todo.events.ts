import { createEvent, type TypedEvent } from '@todo-bus/events';
import type { TodoRecord } from './todo.repository.ts';

export type TodoEventType = 'todo.created' | 'todo.updated' | 'todo.deleted';
export type TodoEvent = TypedEvent<TodoEventType>;
export type ChangedField = 'title' | 'completed' | 'order';

const source = '/services/todos';

/** The todo as it travels on the bus: no owner (that is the event's `userid`), no url. */
function todoState({ id, title, completed, order, createdAt, updatedAt }: TodoRecord) {
  return {
    id,
    title,
    completed,
    order,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

export function todoCreated(todo: TodoRecord): TodoEvent {
  return createEvent({
    type: 'todo.created',
    source,
    subject: todo.id,
    userId: todo.userId,
    data: { todo: todoState(todo) },
    time: todo.createdAt,
  });
}

export function todoUpdated(todo: TodoRecord, changed: ChangedField[]): TodoEvent {
  return createEvent({
    type: 'todo.updated',
    source,
    subject: todo.id,
    userId: todo.userId,
    data: { todo: todoState(todo), changed },
    time: todo.updatedAt,
  });
}

export function todoDeleted(todo: TodoRecord, time: Date): TodoEvent {
  return createEvent({
    type: 'todo.deleted',
    source,
    subject: todo.id,
    userId: todo.userId,
    data: { id: todo.id },
    time,
  });
}
