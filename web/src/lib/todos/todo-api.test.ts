import { describe, expect, it } from 'vitest';
import { createSessionClient, type RefreshOutcome } from './session-client.ts';
import { createTodoApi, RequestFailed } from './todo-api.ts';

const todo = {
  id: 'a2a3b074-0210-47cc-8ee3-a432767539d7',
  title: 'milk',
  completed: false,
  order: 0,
  url: 'http://localhost:8080/api/todos/a2a3b074-0210-47cc-8ee3-a432767539d7',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function setup(answers: Array<() => Response>, refresh: RefreshOutcome = 'refreshed') {
  const requests: Array<{ path: string; init: RequestInit }> = [];
  const session = { refreshes: 0, signedOut: 0 };
  const fetch = ((path: string, init: RequestInit) => {
    requests.push({ path, init });
    const answer = answers.shift();
    return answer ? Promise.resolve(answer()) : Promise.reject(new TypeError('Failed to fetch'));
  }) as typeof globalThis.fetch;
  const api = createTodoApi({
    fetch,
    session: {
      refresh: () => {
        session.refreshes += 1;
        return Promise.resolve(refresh);
      },
      signedOut: () => (session.signedOut += 1),
    },
  });
  return { api, requests, session };
}

const problem = (status: number) => () =>
  Response.json(
    { type: 'about:blank', title: 'x', status },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );

describe('createTodoApi', () => {
  it('sends JSON to the gateway paths, and keeps the list without urls', async () => {
    const { api, requests } = setup([
      () => Response.json(todo, { status: 201 }),
      () => Response.json([todo]),
    ]);
    expect(await api.create('milk')).not.toHaveProperty('url');
    expect(await api.setAllCompleted(true)).toHaveLength(1);
    expect(requests.map(({ path, init }) => [init.method, path, init.body])).toEqual([
      ['POST', '/api/todos', '{"title":"milk"}'],
      ['PATCH', '/api/todos', '{"completed":true}'],
    ]);
    expect(new Headers(requests[0]?.init.headers).get('content-type')).toBe('application/json');
  });

  it('renews the session once on 401 and retries', async () => {
    const { api, requests, session } = setup([problem(401), () => Response.json(todo)]);
    expect(await api.update(todo.id, { completed: true })).toMatchObject({ id: todo.id });
    expect(session.refreshes).toBe(1);
    expect(requests).toHaveLength(2);
  });

  it('goes to the login page when the session cannot be renewed', async () => {
    const { api, session } = setup([problem(401)], 'signed-out');
    await expect(api.list()).rejects.toMatchObject({ status: 401 });
    expect(session.signedOut).toBe(1);
  });

  it('reports an answer the contract does not allow as a failed call', async () => {
    const { api } = setup([() => Response.json({ ...todo, completed: 'yes' }, { status: 201 })]);
    const failure = await api.create('milk').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RequestFailed);
    expect(failure).toMatchObject({
      status: 502,
      message: 'The service is unavailable right now. Please try again.',
    });
    expect((failure as RequestFailed).problem.detail).toMatch(/^POST \/api\/todos answered .*completed/s);
  });

  it('counts deleting a todo that is already gone as done', async () => {
    const { api } = setup([problem(404)]);
    await expect(api.remove('t1')).resolves.toBeUndefined();
  });

  it('reports a refusal with its problem, and no answer as status 0', async () => {
    const { api } = setup([problem(503)]);
    await expect(api.clearCompleted()).rejects.toBeInstanceOf(RequestFailed);
    const failure = await api.list().catch((error: unknown) => error);
    expect(failure).toMatchObject({
      status: 0,
      message: 'The server could not be reached. Check your connection.',
    });
  });
});

describe('createSessionClient', () => {
  function client(answer: () => Promise<Response>) {
    const calls: string[] = [];
    const posted: unknown[] = [];
    const navigations: string[] = [];
    const session = createSessionClient({
      fetch: ((path: string) => {
        calls.push(path);
        return answer();
      }) as typeof globalThis.fetch,
      navigate: (path) => navigations.push(path),
      channel: { postMessage: (message: unknown) => posted.push(message) },
    });
    return { session, calls, posted, navigations };
  }

  it('shares one renewal between concurrent callers', async () => {
    const { session, calls } = client(() => Promise.resolve(new Response(null, { status: 204 })));
    const outcomes = await Promise.all([session.refresh(), session.refresh()]);
    expect(outcomes).toEqual(['refreshed', 'refreshed']);
    expect(calls).toEqual(['/session/refresh']);
    await session.refresh();
    expect(calls).toHaveLength(2);
  });

  it('tells a finished session from an unavailable server', async () => {
    expect(await client(() => Promise.resolve(new Response(null, { status: 401 }))).session.refresh()).toBe(
      'signed-out',
    );
    expect(await client(() => Promise.resolve(new Response(null, { status: 503 }))).session.refresh()).toBe(
      'unavailable',
    );
    expect(await client(() => Promise.reject(new TypeError('offline'))).session.refresh()).toBe(
      'unavailable',
    );
  });

  it('signs out once: tells the other tabs, then goes to the login page', () => {
    const { session, posted, navigations } = client(() => Promise.reject(new Error('unused')));
    session.signedOut();
    session.signedOut();
    expect(posted).toEqual(['signed-out']);
    expect(navigations).toEqual(['/login']);
  });
});
