import { describe, expect, it } from 'vitest';
import { DEMO_TODOS, DEMO_USER, seedDemoData, SeedError } from '../src/seed.ts';

interface Call {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

/** A fake gateway: `routes` answers by "METHOD /path"; every call is recorded. */
function fakeApi(routes: Record<string, (body: unknown) => Response>) {
  const calls: Call[] = [];
  const fetchImpl = ((input: URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const authorization = new Headers(init?.headers).get('authorization');
    calls.push({ method, path: input.pathname, body, authorization });
    const route = routes[`${method} ${input.pathname}`];
    return Promise.resolve(route ? route(body) : new Response('{"title":"Not Found"}', { status: 404 }));
  }) as typeof fetch;
  return { calls, fetchImpl };
}

const session = (status: number) => () =>
  Response.json({ accessToken: 'token-1', refreshToken: 'r' }, { status });

describe('seedDemoData', () => {
  it('registers the demo user and creates the demo todos with its token, some completed', async () => {
    const api = fakeApi({
      'POST /api/auth/register': session(201),
      'GET /api/todos': () => Response.json([]),
      'POST /api/todos': (body) => Response.json(body, { status: 201 }),
    });
    const result = await seedDemoData('http://localhost:8080', api.fetchImpl);
    expect(result).toMatchObject({ user: 'registered', skipped: [] });
    expect(api.calls[0]).toMatchObject({ path: '/api/auth/register', body: DEMO_USER });
    const posted = api.calls.filter((call) => call.method === 'POST' && call.path === '/api/todos');
    expect(posted).toHaveLength(DEMO_TODOS.length);
    expect(posted.every((call) => call.authorization === 'Bearer token-1')).toBe(true);
    expect(posted.some((call) => (call.body as { completed: boolean }).completed)).toBe(true);
    expect(posted.some((call) => !(call.body as { completed: boolean }).completed)).toBe(true);
  });

  it('logs in when the user exists and adds only the todos that are missing', async () => {
    const api = fakeApi({
      'POST /api/auth/register': () => new Response(null, { status: 409 }),
      'POST /api/auth/login': session(200),
      'GET /api/todos': () => Response.json([{ title: DEMO_TODOS[0]?.title }]),
      'POST /api/todos': (body) => Response.json(body, { status: 201 }),
    });
    const result = await seedDemoData('http://localhost:8080', api.fetchImpl);
    expect(result.user).toBe('logged in');
    expect(result.skipped).toEqual([DEMO_TODOS[0]?.title]);
    expect(result.created).toHaveLength(DEMO_TODOS.length - 1);
  });

  it('says clearly when an endpoint is not there yet', async () => {
    const api = fakeApi({});
    await expect(seedDemoData('http://localhost:8080', api.fetchImpl)).rejects.toThrow(
      /POST \/api\/auth\/register answered 404 — that endpoint is not implemented yet/,
    );
  });

  it('says to start the system when nothing answers', async () => {
    const refused = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    const error = await seedDemoData('http://localhost:1', refused).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SeedError);
    expect((error as Error).message).toMatch(/Nothing answers at http:\/\/localhost:1 .*npm start/);
  });
});
