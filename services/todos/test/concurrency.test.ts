import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, type TodoResponse } from './api.ts';
import { outboxDrained, readTodoEvents } from './events.ts';
import { startTodos, type TodosUnderTest } from './harness.ts';

let todos: TodosUnderTest;
beforeAll(async () => {
  todos = await startTodos();
});
afterAll(() => todos?.close());

describe('concurrent writers under SERIALIZABLE', () => {
  it('ten PATCHes of one todo at once all succeed, and each is one event', async () => {
    const alice = await callerOf(todos);
    const todo = await alice.add({ title: 'contended' });
    const titles = Array.from({ length: 10 }, (_, index) => `edit ${index}`);
    const responses = await Promise.all(titles.map((title) => alice.patch(todo.id, { title })));
    expect(responses.map((response) => response.statusCode)).toEqual(titles.map(() => 200));

    const final = (await alice.get(todo.id)).json<TodoResponse>();
    await outboxDrained(todos.app);
    const updates = (await readTodoEvents(todos.app, { userId: alice.userId })).filter(
      ({ event }) => event.type === 'todo.updated',
    );
    expect(updates).toHaveLength(10);
    // The events tell the story in commit order: the last one is the state that stuck.
    expect(updates.at(-1)?.event.data).toMatchObject({ todo: { title: final.title } });
  });

  it('ten creates at once without an order each get their own place at the end', async () => {
    const bob = await callerOf(todos);
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, index) => bob.add({ title: `t${index}` })),
    );
    expect(created.map((todo) => todo.order).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
