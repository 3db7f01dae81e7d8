import { createEvent, type EventType } from '@todo-bus/events';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userDeletedDurable } from '../src/users/user-deleted.consumer.ts';
import { callerOf } from './api.ts';
import { consumerCaughtUp, outboxDrained, readTodoEvents } from './events.ts';
import { startTodos, type TodosUnderTest } from './harness.ts';

let todos: TodosUnderTest;
beforeAll(async () => {
  todos = await startTodos();
});
afterAll(() => todos?.close());

/** Publishes to the auth stream as the auth service's relay would (without a msg id: no dedupe). */
async function publishAuthEvent(type: EventType, userId: string, event: object) {
  const { js, names } = todos.app.bus;
  await js.publish(names.subject('auth', userId, type), JSON.stringify(event));
}

describe('user.deleted', () => {
  it('purges the user’s todos once, with one todo.deleted each, even when delivered twice', async () => {
    const alice = await callerOf(todos);
    const bob = await callerOf(todos);
    const doomed = [await alice.add({ title: 'a1' }), await alice.add({ title: 'a2', completed: true })];
    await bob.add({ title: 'bob stays' });

    const deleted = createEvent({
      type: 'user.deleted',
      source: '/services/auth',
      subject: alice.userId,
      userId: alice.userId,
      data: { id: alice.userId },
    });
    await publishAuthEvent('user.deleted', alice.userId, deleted);
    await publishAuthEvent('user.deleted', alice.userId, deleted);
    // Not for us: acknowledged and ignored.
    const registered = createEvent({
      type: 'user.registered',
      source: '/services/auth',
      subject: bob.userId,
      userId: bob.userId,
      data: { id: bob.userId, email: 'bob@example.com', createdAt: new Date().toISOString() },
    });
    await publishAuthEvent('user.registered', bob.userId, registered);

    await consumerCaughtUp(todos.app, todos.app.bus.names.stream('auth'), userDeletedDurable);
    await outboxDrained(todos.app);

    expect(await alice.titles()).toEqual([]);
    expect(await bob.titles()).toEqual(['bob stays']);
    const aliceEvents = await readTodoEvents(todos.app, { userId: alice.userId });
    expect(
      aliceEvents.filter(({ event }) => event.type === 'todo.deleted').map(({ event }) => event.subject),
    ).toEqual(doomed.map((todo) => todo.id));
    const bobEvents = await readTodoEvents(todos.app, { userId: bob.userId });
    expect(bobEvents.map(({ event }) => event.type)).toEqual(['todo.created']);
    // Both copies reached the consumer; only one was applied.
    const appliedEvents = await todos.app.orm.em
      .getConnection()
      .execute('select consumer from processed_event where event_id = ?', [deleted.id]);
    expect(appliedEvents).toEqual([{ consumer: userDeletedDurable }]);
    const consumer = await todos.app.bus.jsm.consumers.info(
      todos.app.bus.names.stream('auth'),
      userDeletedDurable,
    );
    expect(consumer.delivered.consumer_seq).toBeGreaterThanOrEqual(3);
  });

  it('purges nothing for a user who had no todos, and still records the event as applied', async () => {
    const ghost = randomUUID();
    const deleted = createEvent({
      type: 'user.deleted',
      source: '/services/auth',
      subject: ghost,
      userId: ghost,
      data: { id: ghost },
    });
    await publishAuthEvent('user.deleted', ghost, deleted);
    await consumerCaughtUp(todos.app, todos.app.bus.names.stream('auth'), userDeletedDurable);
    const rows = await todos.app.orm.em
      .getConnection()
      .execute<{ consumer: string }[]>('select consumer from processed_event where event_id = ?', [
        deleted.id,
      ]);
    expect(rows).toEqual([{ consumer: userDeletedDurable }]);
  });
});
