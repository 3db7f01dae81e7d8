import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerOf, type Caller, type TodoResponse } from './api.ts';
import { startTodos, type TodosUnderTest } from './harness.ts';

let todos: TodosUnderTest;
let alice: Caller;

beforeAll(async () => {
  todos = await startTodos();
  alice = await callerOf(todos);
  // Repeated orders, so pages must break ties by creation time and id.
  for (let index = 0; index < 23; index++) {
    await alice.add({ title: `todo ${index}`, order: index % 4, completed: index % 3 === 0 });
  }
});
afterAll(() => todos?.close());

const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'todos.example.com' };

function nextLink(link: string | string[] | number | undefined): string | undefined {
  const match = String(link ?? '').match(/^<([^>]+)>; rel="next"$/);
  return match?.[1];
}

/** Follows `Link: rel="next"` from the first page to the last, as a client would. */
async function allPages(query: string) {
  const pages: TodoResponse[][] = [];
  let url: string | undefined = `/api/todos${query}`;
  while (url) {
    const response = await alice.send('GET', url, undefined, forwarded);
    expect(response.statusCode).toBe(200);
    pages.push(response.json<TodoResponse[]>());
    const next = nextLink(response.headers.link);
    if (next) expect(next.startsWith('https://todos.example.com/api/todos?')).toBe(true);
    url = next ? next.replace('https://todos.example.com', '') : undefined;
  }
  return pages;
}

describe('keyset pagination', () => {
  it('walks every todo exactly once, in list order, through Link headers', async () => {
    const everything = (await alice.list()).json<TodoResponse[]>();
    expect(everything).toHaveLength(23);
    const pages = await allPages('?limit=10');
    expect(pages.map((page) => page.length)).toEqual([10, 10, 3]);
    expect(pages.flat().map((todo) => todo.id)).toEqual(everything.map((todo) => todo.id));
  });

  it('keeps the completed filter across pages and ends without a Link', async () => {
    const completed = (await alice.list('?completed=true')).json<TodoResponse[]>();
    const pages = await allPages('?completed=true&limit=3');
    expect(pages.flat()).toEqual(
      completed.map((todo) => ({
        ...todo,
        url: todo.url.replace('http://localhost:80', 'https://todos.example.com'),
      })),
    );
    const exact = await alice.send('GET', `/api/todos?limit=${completed.length}&completed=true`);
    expect(exact.headers.link).toBeUndefined();
  });

  it('does not show a todo twice when one is added before the cursor meanwhile', async () => {
    const first = await alice.send('GET', '/api/todos?limit=5', undefined, forwarded);
    await alice.add({ title: 'late arrival', order: -1 });
    const next = nextLink(first.headers.link)?.replace('https://todos.example.com', '') ?? '';
    const second = (await alice.send('GET', next)).json<TodoResponse[]>();
    const firstIds = first.json<TodoResponse[]>().map((todo) => todo.id);
    expect(second.some((todo) => firstIds.includes(todo.id) || todo.title === 'late arrival')).toBe(false);
  });
});

describe('urls as seen through the gateway', () => {
  it('honour X-Forwarded-Proto/Host from a trusted proxy in url and Location', async () => {
    const response = await alice.send('POST', '/api/todos', { title: 'forwarded' }, forwarded);
    const todo = response.json<TodoResponse>();
    expect(todo.url).toBe(`https://todos.example.com/api/todos/${todo.id}`);
    expect(response.headers.location).toBe(todo.url);
    expect((await alice.send('GET', `/api/todos/${todo.id}`, undefined, forwarded)).json()).toEqual(todo);
  });

  it('ignore them from anyone else', async () => {
    const token = await todos.issuer.sign(alice.userId);
    const response = await todos.app.inject({
      method: 'POST',
      url: '/api/todos',
      remoteAddress: '203.0.113.7',
      headers: { authorization: `Bearer ${token}`, host: 'todos.internal:8082', ...forwarded },
      payload: { title: 'direct' },
    });
    expect(response.json<TodoResponse>().url).toMatch(/^http:\/\/todos\.internal:8082\/api\/todos\//);
  });
});
