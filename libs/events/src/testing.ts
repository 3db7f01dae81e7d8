import { randomUUID } from 'node:crypto';
import { createEvent, type TypedEvent } from './catalog.ts';

/** A todo as it travels on the bus, for tests. */
export function sampleTodo(overrides: { title?: string; order?: number } = {}) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    title: overrides.title ?? 'a todo',
    completed: false,
    order: overrides.order ?? 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** A valid `todo.created` event for `userId`, as the todos service would emit it. */
export function sampleTodoCreated(
  userId: string,
  overrides: { title?: string; order?: number } = {},
): TypedEvent<'todo.created'> {
  const todo = sampleTodo(overrides);
  return createEvent({
    type: 'todo.created',
    source: '/services/todos',
    subject: todo.id,
    userId,
    data: { todo },
  });
}
