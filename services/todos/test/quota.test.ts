import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, type TodoResponse } from './api.ts';
import { startTodos, type TodosUnderTest } from './harness.ts';

let todos: TodosUnderTest;

beforeAll(async () => {
  todos = await startTodos({ env: { TODO_QUOTA_PER_USER: '3' } });
});
afterAll(() => todos?.close());

describe('the per-user todo quota', () => {
  it('answers the todo past the quota with 409 problem+json, also when creates race, and frees a slot on delete', async () => {
    const alice = await callerOf(todos);
    const racing = await Promise.all(
      ['one', 'two', 'three', 'four', 'five'].map((title) => alice.create({ title })),
    );
    expect(racing.map((answer) => answer.statusCode).sort()).toEqual([201, 201, 201, 409, 409]);
    const refused = racing.find((answer) => answer.statusCode === 409)!;
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = refused.json<{ status: number; type: string }>();
    expect(problem.status).toBe(409);
    expect(problem.type).toMatch(/todo-quota-exceeded$/);
    expect((await alice.list()).json<TodoResponse[]>()).toHaveLength(3);

    const bob = await callerOf(todos);
    expect((await bob.create({ title: 'another user has room' })).statusCode).toBe(201);

    const [first] = (await alice.list()).json<TodoResponse[]>();
    expect((await alice.remove(first!.id)).statusCode).toBe(204);
    expect((await alice.create({ title: 'room again' })).statusCode).toBe(201);
  });
});
