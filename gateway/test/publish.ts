import { sampleTodoCreated } from '@todo-bus/events/testing';
import type { App } from '@todo-bus/http';

/** Puts a todo event on the stream the way the todos service's relay does; returns its stream sequence. */
export async function publishTodoEvent(
  app: App,
  userId: string,
  titleLength = 13,
): Promise<{ seq: number; id: string }> {
  const event = sampleTodoCreated(userId, { title: 'from the test'.padEnd(titleLength, '.') });
  const ack = await app.bus.js.publish(
    app.bus.names.subject('todos', userId, 'todo.created'),
    JSON.stringify(event),
    { msgID: event.id },
  );
  return { seq: ack.seq, id: event.id };
}
