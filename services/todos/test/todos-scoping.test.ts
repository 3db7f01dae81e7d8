import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, type Caller, type TodoResponse } from './api.ts';
import { startTodos, type TodosUnderTest } from './harness.ts';

let todos: TodosUnderTest;
let alice: Caller;
let bob: Caller;

beforeAll(async () => {
  todos = await startTodos();
  alice = await callerOf(todos);
  bob = await callerOf(todos);
});
afterAll(() => todos?.close());

describe('one user cannot reach another user’s todos', () => {
  it('reading, patching and deleting another user’s todo answers 404, as for a missing one', async () => {
    const secret = await alice.add({ title: 'alice only' });
    const notFound = (await bob.get('00000000-0000-4000-8000-000000000000')).json<unknown>();
    for (const response of [
      await bob.get(secret.id),
      await bob.patch(secret.id, { title: 'stolen', completed: true }),
      await bob.remove(secret.id),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(notFound);
    }
    expect((await alice.get(secret.id)).json()).toEqual(secret);
  });

  it('lists, toggle-all and bulk deletes touch only the caller’s todos', async () => {
    const kept = await alice.add({ title: 'alice open' });
    const keptDone = await alice.add({ title: 'alice done', completed: true });
    await bob.add({ title: 'bob open' });
    await bob.add({ title: 'bob done', completed: true });
    const aliceBefore = (await alice.list()).json<TodoResponse[]>();
    expect(await bob.titles()).toEqual(['bob open', 'bob done']);

    const toggled = (await bob.setAllCompleted(true)).json<TodoResponse[]>();
    expect(toggled.map((todo) => todo.title)).toEqual(['bob open', 'bob done']);
    expect((await bob.removeAll('?completed=true')).statusCode).toBe(204);
    await bob.add({ title: 'bob again' });
    expect((await bob.removeAll()).statusCode).toBe(204);
    expect(await bob.titles()).toEqual([]);

    expect((await alice.list()).json()).toEqual(aliceBefore);
    expect(aliceBefore.map((todo) => todo.id)).toEqual(expect.arrayContaining([kept.id, keptDone.id]));
  });
});
