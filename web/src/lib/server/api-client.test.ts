import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, apiHeaders, apiUrl, createApiClient, parseApiBaseUrl, readProblem } from './api-client.ts';

interface RecordedCall {
  url: string;
  init: RequestInit;
}

/** A fetch that records what it was asked and answers with `answer`. */
function fakeFetch(answer: () => Response = () => Response.json({})) {
  const calls: RecordedCall[] = [];
  const fetch = (input: string | URL | Request, init: RequestInit = {}) => {
    calls.push({ url: input instanceof Request ? input.url : input.toString(), init });
    return Promise.resolve(answer());
  };
  return { fetch, calls };
}

describe('parseApiBaseUrl', () => {
  it('defaults to the gateway on this machine', () => {
    expect(parseApiBaseUrl(undefined).href).toBe('http://127.0.0.1:8080/');
    expect(parseApiBaseUrl('  ').href).toBe('http://127.0.0.1:8080/');
  });

  it('drops trailing slashes so paths join cleanly', () => {
    expect(parseApiBaseUrl('http://gateway:8080/prefix//').href).toBe('http://gateway:8080/prefix');
  });

  it.each([
    ['gateway:8080', /http or https/],
    ['not a url', /absolute http\(s\) URL/],
    ['ftp://gateway', /http or https/],
    ['http://user:secret@gateway', /credentials/],
    ['http://gateway/?debug=1', /query/],
  ])('rejects %s', (value, message) => {
    expect(() => parseApiBaseUrl(value)).toThrow(message);
  });
});

describe('apiUrl', () => {
  const base = parseApiBaseUrl('http://gateway:8080');

  it('resolves API paths against the base, keeping the query', () => {
    expect(apiUrl(base, '/api/todos?completed=true').href).toBe(
      'http://gateway:8080/api/todos?completed=true',
    );
  });

  it('keeps a base path prefix', () => {
    expect(apiUrl(parseApiBaseUrl('https://example.test/edge/'), '/api/auth/me').href).toBe(
      'https://example.test/edge/api/auth/me',
    );
  });

  it.each(['api/todos', '//evil.test/api', 'http://evil.test/api', '/\\evil.test'])(
    'refuses %s, which could leave the API origin',
    (path) => {
      expect(() => apiUrl(base, path)).toThrow(TypeError);
    },
  );
});

describe('apiHeaders', () => {
  it('adds accept, the bearer token and the request id', () => {
    const headers = apiHeaders(
      { 'content-type': 'application/json' },
      { accessToken: 'tok', requestId: 'req-1' },
    );
    expect(Object.fromEntries(headers)).toEqual({
      accept: 'application/json',
      authorization: 'Bearer tok',
      'content-type': 'application/json',
      'x-request-id': 'req-1',
    });
  });

  it("forwards the browser's address for the gateway's per-client limits", () => {
    const headers = apiHeaders(undefined, { clientAddress: '203.0.113.7' });
    expect(headers.get('x-forwarded-for')).toBe('203.0.113.7');
    expect(apiHeaders(undefined, {}).has('x-forwarded-for')).toBe(false);
  });

  it("keeps the caller's own headers and sends no token when there is none", () => {
    const headers = apiHeaders(
      { accept: 'text/event-stream', 'x-request-id': 'mine' },
      { requestId: 'req-1' },
    );
    expect(headers.get('accept')).toBe('text/event-stream');
    expect(headers.get('x-request-id')).toBe('mine');
    expect(headers.has('authorization')).toBe(false);
  });
});

describe('readProblem', () => {
  it('returns the problem+json body with the real status', async () => {
    const response = new Response(
      JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'Email taken' }),
      { status: 409, headers: { 'content-type': 'application/problem+json' } },
    );
    expect(await readProblem(response)).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'Email taken',
    });
  });

  it('makes a generic problem of a body that is not JSON', async () => {
    const response = new Response('<h1>Bad gateway</h1>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'content-type': 'text/html' },
    });
    expect(await readProblem(response)).toEqual({ type: 'about:blank', title: 'Bad Gateway', status: 502 });
  });

  it('survives a JSON content type with a broken body', async () => {
    const response = new Response('{', { status: 500, headers: { 'content-type': 'application/json' } });
    expect(await readProblem(response)).toMatchObject({ status: 500 });
  });
});

describe('createApiClient', () => {
  it('calls the gateway URL with the context headers', async () => {
    const { fetch, calls } = fakeFetch();
    const client = createApiClient({ baseUrl: 'http://gateway:8080', fetch });

    await client.fetch('/api/todos', { method: 'POST', body: '{}' }, { accessToken: 'tok', requestId: 'r1' });

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('http://gateway:8080/api/todos');
    expect(call?.init.method).toBe('POST');
    const headers = new Headers(call?.init.headers);
    expect(headers.get('authorization')).toBe('Bearer tok');
    expect(headers.get('x-request-id')).toBe('r1');
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('aborts a call that outlives the timeout', async () => {
    const hanging = ((_input: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        // As real fetch does: reject with the signal's reason, a DOMException (AbortError or TimeoutError).
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as DOMException));
      })) as typeof globalThis.fetch;
    const client = createApiClient({ baseUrl: 'http://gateway:8080', fetch: hanging, timeoutMs: 20 });

    await expect(client.fetch('/api/todos')).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it("still honours the caller's own abort signal", async () => {
    const { fetch, calls } = fakeFetch();
    const client = createApiClient({ baseUrl: 'http://gateway:8080', fetch });
    const controller = new AbortController();

    await client.fetch('/api/todos', { signal: controller.signal });
    controller.abort();

    expect(calls[0]?.init.signal?.aborted).toBe(true);
  });

  it('parses JSON answers', async () => {
    const { fetch } = fakeFetch(() => Response.json([{ id: '1', title: 'milk' }]));
    const client = createApiClient({ baseUrl: 'http://gateway:8080', fetch });

    const list = z.array(z.object({ id: z.string(), title: z.string() }));
    await expect(client.json('/api/todos', list)).resolves.toEqual([{ id: '1', title: 'milk' }]);
  });

  it('refuses an answer the schema does not allow, saying where it differs', async () => {
    const { fetch } = fakeFetch(() => Response.json([{ id: 1 }]));
    const client = createApiClient({ baseUrl: 'http://gateway:8080', fetch });

    const error = await client
      .json('/api/todos', z.array(z.object({ id: z.string() })))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, problem: { title: 'Bad Gateway' } });
    expect((error as ApiError).message).toMatch(/^GET \/api\/todos answered .*contract[\s\S]*\[0\]\.id/);
  });

  it('answers undefined for 204', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    const client = createApiClient({ baseUrl: 'http://gateway:8080', fetch });

    await expect(client.send('/api/todos', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('throws ApiError with the problem on an error answer', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Token expired' },
        { status: 401, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
    const client = createApiClient({ baseUrl: 'http://gateway:8080', fetch });

    const error = await client.json('/api/auth/me', z.object({})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 401,
      message: 'Token expired',
      problem: { title: 'Unauthorized' },
    });
  });
});
