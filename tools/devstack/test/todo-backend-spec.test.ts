// The Todo-Backend spec's assertions (its public JS runner's checks), through the gateway with a bearer token,
// against the whole system started as `npm start` starts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type RunningSystem } from '../src/system.ts';

interface Todo {
  id: string;
  title: string;
  completed: boolean;
  order: number;
  url: string;
}

let system: RunningSystem;
let authorization: string;

beforeAll(async () => {
  system = await startSystem({ ports: 'free', isolated: true, log: () => {} });
  const registered = await fetch(`${system.url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `spec-${Date.now()}@example.com`, password: 'todo-backend-spec' }),
  });
  authorization = `Bearer ${((await registered.json()) as { accessToken: string }).accessToken}`;
}, 300_000);
afterAll(() => system?.stop());

/** Like the spec runner: JSON in and out, `Content-Type: application/json` on every call, even empty ones. */
async function call<T = unknown>(
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const response = await fetch(url.startsWith('http') ? url : `${system.url}${url}`, {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as T };
}

const root = '/api/todos';
const create = async (body: object) => (await call<Todo>('POST', root, body)).json;

describe('Todo-Backend spec, through the gateway', () => {
  it('the api root responds to a GET, a POST and a DELETE', async () => {
    expect((await call('GET', root)).status).toBe(200);
    expect((await call('POST', root, { title: 'a todo' })).status).toBe(201);
    expect((await call('DELETE', root)).status).toBe(204);
  });

  it('after a DELETE the api root responds to a GET with an empty array', async () => {
    await call('DELETE', root);
    expect((await call('GET', root)).json).toEqual([]);
  });

  describe('storing new todos by posting to the root url', () => {
    it('adds a new todo to the list returned by the root url', async () => {
      await call('DELETE', root);
      await create({ title: 'walk the dog' });
      expect((await call<Todo[]>('GET', root)).json.map((todo) => todo.title)).toEqual(['walk the dog']);
    });

    it('sets up a new todo as initially not completed', async () => {
      expect((await create({ title: 'blah' })).completed).toBe(false);
    });

    it('each new todo has a url, which returns the todo', async () => {
      const todo = await create({ title: 'my todo' });
      expect(todo.url).toMatch(/^http:\/\/localhost:\d+\/api\/todos\/[0-9a-f-]{36}$/);
      const fetched = await call<Todo>('GET', todo.url);
      expect(fetched.status).toBe(200);
      expect(fetched.json).toMatchObject({ title: 'my todo', url: todo.url });
    });
  });

  describe('working with an existing todo', () => {
    it('can navigate from a list of todos to an individual todo via urls', async () => {
      await call('DELETE', root);
      await create({ title: 'todo the first' });
      await create({ title: 'todo the second' });
      const list = (await call<Todo[]>('GET', root)).json;
      expect(list).toHaveLength(2);
      expect((await call<Todo>('GET', list[0]?.url ?? '')).json.title).toBe('todo the first');
    });

    it("can change the todo's title, completedness and order by PATCHing its url, and the change persists", async () => {
      const todo = await create({ title: 'initial title' });
      expect((await call<Todo>('PATCH', todo.url, { title: 'bathe the cat' })).json.title).toBe(
        'bathe the cat',
      );
      expect((await call<Todo>('PATCH', todo.url, { completed: true })).json.completed).toBe(true);
      expect((await call<Todo>('PATCH', todo.url, { order: 95 })).json.order).toBe(95);
      expect((await call<Todo>('GET', todo.url)).json).toMatchObject({
        title: 'bathe the cat',
        completed: true,
        order: 95,
      });
    });

    it('can delete a todo making a DELETE request to its url', async () => {
      await call('DELETE', root);
      const todo = await create({ title: 'to be deleted' });
      expect((await call('DELETE', todo.url)).status).toBe(204);
      expect((await call('GET', root)).json).toEqual([]);
      expect((await call('GET', todo.url)).status).toBe(404);
    });
  });

  describe('tracking todo order', () => {
    it('can create a todo with an order field, and remembers changes to it', async () => {
      const todo = await create({ title: 'blah', order: 523 });
      expect(todo.order).toBe(523);
      await call('PATCH', todo.url, { order: 95 });
      expect((await call<Todo>('GET', todo.url)).json.order).toBe(95);
    });
  });

  it('stores every one of many concurrent posts', async () => {
    await call('DELETE', root);
    const titles = Array.from({ length: 20 }, (_, index) => `concurrent ${index}`);
    const responses = await Promise.all(titles.map((title) => call('POST', root, { title })));
    expect(responses.map((response) => response.status)).toEqual(titles.map(() => 201));
    const stored = (await call<Todo[]>('GET', root)).json.map((todo) => todo.title);
    expect(stored.sort()).toEqual([...titles].sort());
  });
});

describe('/docs', () => {
  type Operation = { requestBody?: unknown; responses?: Record<string, unknown> };
  const publicEndpoints = [
    ['post', '/api/auth/register'],
    ['post', '/api/auth/login'],
    ['post', '/api/auth/refresh'],
    ['post', '/api/auth/logout'],
    ['get', '/api/auth/me'],
    ['delete', '/api/auth/me'],
    ['get', '/api/todos'],
    ['post', '/api/todos'],
    ['patch', '/api/todos'],
    ['delete', '/api/todos'],
    ['get', '/api/todos/{id}'],
    ['patch', '/api/todos/{id}'],
    ['delete', '/api/todos/{id}'],
    ['get', '/api/events'],
  ] as const;

  it('lists every public endpoint of auth and todos with its request and response schemas', async () => {
    // The gateway collects the services' documents in the background: give it a few seconds after start.
    let paths: Record<string, Record<string, Operation>> = {};
    for (let attempt = 0; attempt < 50; attempt++) {
      paths = ((await (await fetch(`${system.url}/docs/json`)).json()) as { paths: typeof paths }).paths;
      if (paths['/api/auth/register'] && paths['/api/todos']) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (const [method, path] of publicEndpoints) {
      const operation = paths[path]?.[method];
      expect(operation, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(Object.keys(operation?.responses ?? {}).length, `${method} ${path} responses`).toBeGreaterThan(
        0,
      );
    }
    for (const [method, path] of [
      ['post', '/api/auth/register'],
      ['post', '/api/todos'],
      ['patch', '/api/todos/{id}'],
    ] as const) {
      expect(paths[path]?.[method]?.requestBody, `${method} ${path} request body`).toBeDefined();
    }
    expect((await fetch(`${system.url}/docs/`)).status).toBe(200);
  });
});
