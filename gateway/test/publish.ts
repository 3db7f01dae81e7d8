import { createEvent } from '@todo-bus/events';
import type { App } from '@todo-bus/http';
import { randomUUID } from 'node:crypto';

/** Puts a todo event on the stream the way the todos service's relay does; returns its stream sequence. */
export async function publishTodoEvent(
  app: App,
  userId: string,
  titleLength = 13,
): Promise<{ seq: number; id: string }> {
  const now = new Date().toISOString();
  const todo = {
    id: randomUUID(),
    title: 'from the test'.padEnd(titleLength, '.'),
    completed: false,
    order: 0,
    createdAt: now,
    updatedAt: now,
  };
  const event = createEvent({
    type: 'todo.created',
    source: '/services/todos',
    subject: todo.id,
    userId,
    data: { todo },
  });
  const ack = await app.bus.js.publish(
    app.bus.names.subject('todos', userId, 'todo.created'),
    JSON.stringify(event),
    { msgID: event.id },
  );
  return { seq: ack.seq, id: event.id };
}
