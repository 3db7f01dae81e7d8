import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf } from './api.ts';
import { outboxDrained, readTodoEvents } from './events.ts';
import { startTodos, type TodosUnderTest } from './harness.ts';

describe('todo events', () => {
  let todos: TodosUnderTest;
  beforeAll(async () => {
    todos = await startTodos();
  });
  afterAll(() => todos?.close());

  it('every committed change publishes exactly one event, on todos.events.<userId>.<type>', async () => {
    const alice = await callerOf(todos);
    const a = await alice.add({ title: 'a' });
    const b = await alice.add({ title: 'b', completed: true });
    await alice.patch(a.id, { title: 'a2' });
    await alice.patch(a.id, { title: 'a2', completed: false }); // no change, no event
    await alice.setAllCompleted(true); // only a changes
    await alice.setAllCompleted(true); // nothing changes
    await alice.removeAll('?completed=true'); // a and b
    const c = await alice.add({ title: 'c' });
    await alice.remove(c.id);
    const d = await alice.add({ title: 'd' });
    await alice.removeAll();
    // Refused requests commit nothing.
    await alice.patch(randomUUID(), { title: 'x' });
    await alice.create({ title: '' });
    await alice.remove(c.id);

    await outboxDrained(todos.app);
    const stored = await readTodoEvents(todos.app, { userId: alice.userId });
    expect(stored.map(({ event }) => [event.type, event.subject])).toEqual([
      ['todo.created', a.id],
      ['todo.created', b.id],
      ['todo.updated', a.id],
      ['todo.updated', a.id],
      ['todo.deleted', a.id],
      ['todo.deleted', b.id],
      ['todo.created', c.id],
      ['todo.deleted', c.id],
      ['todo.created', d.id],
      ['todo.deleted', d.id],
    ]);
    expect(stored.map(({ event }) => event.data).slice(2, 4)).toEqual([
      expect.objectContaining({ changed: ['title'] }),
      expect.objectContaining({ changed: ['completed'] }),
    ]);
    for (const { subject, msgId, event } of stored) {
      expect(subject).toBe(todos.app.bus.names.subject('todos', alice.userId, event.type as 'todo.created'));
      expect(msgId).toBe(event.id);
    }
    expect(new Set(stored.map(({ event }) => event.id)).size).toBe(stored.length);
  });
});

describe('todo events when the relay dies between publish and mark', () => {
  let todos: TodosUnderTest;
  const crashedWith: string[][] = [];
  beforeAll(async () => {
    todos = await startTodos({
      deps: {
        relay: {
          leaseMs: 150,
          pollIntervalMs: 25,
          // The first batch is published (PubAck received) but never marked: its rows go out again.
          beforeMark: async (ids) => {
            if (crashedWith.length > 0 || ids.length === 0) return;
            crashedWith.push(ids);
            throw new Error('killed between PubAck and mark');
          },
        },
      },
    });
  });
  afterAll(() => todos?.close());

  it('still stores each event exactly once', async () => {
    const alice = await callerOf(todos);
    const todo = await alice.add({ title: 'survives a crash' });
    await alice.patch(todo.id, { completed: true });
    await outboxDrained(todos.app);

    expect(crashedWith).toHaveLength(1);
    const stored = await readTodoEvents(todos.app, { userId: alice.userId });
    expect(stored.map(({ event }) => event.type)).toEqual(['todo.created', 'todo.updated']);
    expect(stored.map(({ event }) => event.id)).toEqual(expect.arrayContaining(crashedWith[0] ?? []));
  });
});
