import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callerOf, problemOf, type Caller, type TodoResponse } from './api.ts';
import { startTodos, type TodosUnderTest } from './harness.ts';

let todos: TodosUnderTest;
let alice: Caller;

beforeAll(async () => {
  todos = await startTodos();
});
afterAll(() => todos?.close());

beforeEach(async () => {
  alice = await callerOf(todos);
});

const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('POST /api/todos', () => {
  it('creates a trimmed todo at the end of the list, with Location and an absolute url', async () => {
    const first = await alice.add({ title: 'first' });
    const response = await alice.create({ title: '  buy milk  ' });
    expect(response.statusCode).toBe(201);
    const todo = response.json<TodoResponse>();
    expect(todo.id).toMatch(uuid);
    expect(todo.createdAt).toMatch(isoTime);
    expect(todo).toEqual({
      id: todo.id,
      title: 'buy milk',
      completed: false,
      order: first.order + 1,
      url: `http://localhost:80/api/todos/${todo.id}`,
      createdAt: todo.createdAt,
      updatedAt: todo.createdAt,
    });
    expect(response.headers.location).toBe(todo.url);
  });

  it('takes order and completed when given', async () => {
    const todo = await alice.add({ title: 'walk the dog', order: 7, completed: true });
    expect(todo).toMatchObject({ order: 7, completed: true });
  });

  it.each([
    [{ title: '   ' }, 'body.title'],
    [{}, 'body.title'],
    [{ title: 'x'.repeat(501) }, 'body.title'],
    [{ title: 'nul \u0000 inside' }, 'body.title'],
    [{ title: 'ok', order: 1.5 }, 'body.order'],
    [{ title: 'ok', order: 2 ** 31 }, 'body.order'],
    [{ title: 'ok', completed: 'yes' }, 'body.completed'],
  ])('refuses %j naming the field', async (body, field) => {
    const problem = problemOf(await alice.create(body));
    expect(problem).toMatchObject({ status: 400, contentType: 'application/problem+json; charset=utf-8' });
    expect(problem.fields).toContain(field);
  });

  it('refuses a title that is not valid Unicode (a lone surrogate) with 400, not 500', async () => {
    const problem = problemOf(await alice.create({ title: 'broken \ud800 text' }));
    expect(problem).toMatchObject({ status: 400, fields: ['body.title'] });
  });

  it('refuses an unknown field, naming it', async () => {
    const problem = problemOf(await alice.create({ title: 'ok', colour: 'red' }));
    expect(problem).toMatchObject({ status: 400, fields: ['body.colour'] });
  });

  it('accepts exactly 500 characters', async () => {
    expect((await alice.create({ title: 'x'.repeat(500) })).statusCode).toBe(201);
  });
});

describe('GET /api/todos', () => {
  it('lists by order, then creation time, and filters by completed', async () => {
    await alice.add({ title: 'b', order: 2 });
    await alice.add({ title: 'a', order: 1, completed: true });
    await alice.add({ title: 'b2', order: 2 });
    expect(await alice.titles()).toEqual(['a', 'b', 'b2']);
    expect(await alice.titles('?completed=true')).toEqual(['a']);
    expect(await alice.titles('?completed=false')).toEqual(['b', 'b2']);
  });

  it('accepts Content-Type: application/json with an empty body', async () => {
    await alice.add({ title: 'a' });
    const response = await alice.send('GET', '/api/todos', '', { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toHaveLength(1);
  });

  it('refuses a bad filter, limit or cursor with the field', async () => {
    expect(problemOf(await alice.list('?completed=maybe')).fields).toEqual(['querystring.completed']);
    expect(problemOf(await alice.list('?limit=0')).fields).toEqual(['querystring.limit']);
    expect(problemOf(await alice.list('?limit=10&cursor=bm9wZQ')).fields).toEqual(['querystring.cursor']);
  });
});

describe('/api/todos/:id', () => {
  it('gets, patches and deletes one todo', async () => {
    const todo = await alice.add({ title: 'draft' });
    expect((await alice.get(todo.id)).json()).toEqual(todo);

    const patched = await alice.patch(todo.id, { title: ' final ', completed: true, order: 5 });
    expect(patched.statusCode).toBe(200);
    const after = patched.json<TodoResponse>();
    expect(after).toMatchObject({ id: todo.id, title: 'final', completed: true, order: 5 });
    expect(after.updatedAt >= todo.updatedAt).toBe(true);
    expect((await alice.get(todo.id)).json()).toEqual(after);

    expect((await alice.remove(todo.id)).statusCode).toBe(204);
    expect((await alice.get(todo.id)).statusCode).toBe(404);
    expect((await alice.remove(todo.id)).statusCode).toBe(404);
  });

  it('leaves updatedAt alone when a patch changes nothing', async () => {
    const todo = await alice.add({ title: 'same' });
    const response = await alice.patch(todo.id, { title: 'same', completed: false });
    expect(response.json()).toEqual(todo);
  });

  it('answers 404 problem+json for a missing or malformed id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', '123']) {
      for (const response of [
        await alice.get(id),
        await alice.patch(id, { completed: true }),
        await alice.remove(id),
      ]) {
        expect(problemOf(response)).toMatchObject({
          status: 404,
          contentType: 'application/problem+json; charset=utf-8',
        });
      }
    }
  });

  it('refuses a bad patch with the field', async () => {
    const todo = await alice.add({ title: 'x' });
    expect(problemOf(await alice.patch(todo.id, { title: '' })).fields).toEqual(['body.title']);
    expect(problemOf(await alice.patch(todo.id, { done: true })).fields).toEqual(['body.done']);
    expect(problemOf(await alice.patch(todo.id, { order: 'first' })).fields).toEqual(['body.order']);
  });
});

describe('bulk operations', () => {
  it('toggles all and answers every todo', async () => {
    await alice.add({ title: 'a', order: 1 });
    await alice.add({ title: 'b', order: 2, completed: true });
    const response = await alice.setAllCompleted(true);
    expect(response.statusCode).toBe(200);
    expect(response.json<TodoResponse[]>().map((todo) => [todo.title, todo.completed])).toEqual([
      ['a', true],
      ['b', true],
    ]);
    expect(problemOf(await alice.send('PATCH', '/api/todos', {})).fields).toEqual(['body.completed']);
  });

  it('clears completed todos, then deletes all', async () => {
    await alice.add({ title: 'done', completed: true });
    await alice.add({ title: 'open' });
    const cleared = await alice.send('DELETE', '/api/todos?completed=true', '', {
      'content-type': 'application/json',
    });
    expect(cleared.statusCode).toBe(204);
    expect(await alice.titles()).toEqual(['open']);
    expect((await alice.removeAll()).statusCode).toBe(204);
    expect(await alice.titles()).toEqual([]);
  });
});

describe('authentication', () => {
  it('refuses every route without a token, or with a bad one, as 401 problem+json', async () => {
    const stranger = await todos.issuer.sign(randomUUID(), { audience: 'someone-else' });
    const routes = [
      ['GET', '/api/todos'],
      ['POST', '/api/todos'],
      ['PATCH', '/api/todos'],
      ['DELETE', '/api/todos'],
      ['GET', `/api/todos/${randomUUID()}`],
      ['PATCH', `/api/todos/${randomUUID()}`],
      ['DELETE', `/api/todos/${randomUUID()}`],
    ] as const;
    for (const [method, url] of routes) {
      for (const headers of [
        {},
        { authorization: 'Bearer nonsense' },
        { authorization: `Bearer ${stranger}` },
      ]) {
        const response = await todos.app.inject({ method, url, headers, payload: { title: 'x' } });
        expect(problemOf(response)).toMatchObject({
          status: 401,
          contentType: 'application/problem+json; charset=utf-8',
        });
      }
    }
  });
});
