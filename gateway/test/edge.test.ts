import { randomUUID } from 'node:crypto';
import { accessTokenCookie } from '@todo-bus/contract';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type GatewayUnderTest } from './gateway-under-test.ts';

let gateway: GatewayUnderTest;
let token: string;
let todosReady = true;
const userId = randomUUID();

beforeAll(async () => {
  gateway = await startGateway(
    { UPSTREAM_TIMEOUT_MS: '300', BODY_LIMIT_BYTES: '2048', CORS_ORIGINS: 'https://app.example' },
    { todosReady: () => todosReady },
  );
  token = await gateway.issuer.sign(userId);
});
afterAll(() => gateway?.close());

const bearer = () => ({ authorization: `Bearer ${token}` });
const lastSeenBy = (name: 'auth' | 'todos' | 'web') => gateway.upstreams[name].requests.at(-1);

describe('routing', () => {
  it.each([
    ['/api/auth/login', 'auth'],
    ['/api/todos', 'todos'],
    ['/api/todos/123?x=1', 'todos'],
    ['/', 'web'],
    ['/login', 'web'],
    ['/_app/immutable/start.js', 'web'],
  ])('sends %s to %s with the path unchanged', async (url, upstream) => {
    const response = await gateway.app.inject({ method: 'GET', url, headers: bearer() });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ upstream, url });
  });

  it('answers an /api path no service owns with a 404 problem, not the web app', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/events'],
      ['DELETE', '/api'],
    ] as const) {
      const response = await gateway.app.inject({ method, url, headers: bearer() });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('propagates the request id to the upstream and back, and minting one when absent', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/api/todos',
      headers: { ...bearer(), 'x-request-id': 'trace-me-1' },
    });
    expect(response.headers['x-request-id']).toBe('trace-me-1');
    expect(lastSeenBy('todos')?.headers['x-request-id']).toBe('trace-me-1');
    const minted = await gateway.app.inject({ method: 'GET', url: '/' });
    expect(lastSeenBy('web')?.headers['x-request-id']).toBe(minted.headers['x-request-id']);
  });

  it('is ready only when every upstream and NATS are; only the operations port says which one is not', async () => {
    expect((await gateway.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ok' });
    const ready = await gateway.app.operations.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({
      status: 'ok',
      checks: { nats: 'ok', auth: 'ok', todos: 'ok', web: 'ok' },
    });
    todosReady = false;
    const publicAnswer = await gateway.app.inject({ method: 'GET', url: '/readyz' });
    const degraded = await gateway.app.operations.inject({ method: 'GET', url: '/readyz' });
    todosReady = true;
    expect(publicAnswer.statusCode).toBe(503);
    expect(publicAnswer.json()).toEqual({ status: 'unavailable' });
    expect(degraded.statusCode).toBe(503);
    expect(degraded.json<{ checks: Record<string, string> }>().checks.todos).toMatch(/answered 503/);
  });

  it('answers 404 problem+json for /metrics on the public port and never asks the web app', async () => {
    const before = gateway.upstreams.web.requests.length;
    const response = await gateway.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(gateway.upstreams.web.requests.length).toBe(before);
    const scrape = await gateway.app.operations.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.statusCode).toBe(200);
  });
});

describe('edge authentication', () => {
  it('answers 401 problem+json without a token or with a bad one, and never calls the service', async () => {
    const before = gateway.upstreams.todos.requests.length;
    for (const headers of [
      {},
      { authorization: 'Bearer not.a.jwt' },
      { authorization: `Bearer ${await gateway.issuer.sign(userId, { expiresInSeconds: -10 })}` },
    ]) {
      const response = await gateway.app.inject({ method: 'GET', url: '/api/todos', headers });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await gateway.app.inject({ method: 'GET', url: '/api/events' })).statusCode).toBe(401);
    expect(gateway.upstreams.todos.requests.length).toBe(before);
  });

  it('strips spoofed identity headers and forwards the verified token and X-Forwarded-*', async () => {
    await gateway.app.inject({
      method: 'GET',
      url: '/api/todos',
      headers: {
        ...bearer(),
        'x-user-id': randomUUID(),
        'x-forwarded-user': 'admin',
        'x-forwarded-host': 'evil.example',
        host: 'todo.example:8080',
      },
      // A client on the internet, not a trusted proxy: its X-Forwarded-* claims are not believed.
      remoteAddress: '203.0.113.9',
    });
    const seen = lastSeenBy('todos')?.headers ?? {};
    expect(seen['x-user-id']).toBeUndefined();
    expect(seen['x-forwarded-user']).toBeUndefined();
    expect(seen.authorization).toBe(`Bearer ${token}`);
    expect(seen['x-forwarded-host']).toBe('todo.example:8080');
    expect(seen['x-forwarded-proto']).toBe('http');
  });

  it('accepts the HttpOnly cookie, forwarding it to services as a bearer token (and not the cookie itself)', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/api/todos',
      headers: { cookie: `${accessTokenCookie}=${token}; theme=dark` },
    });
    expect(response.statusCode).toBe(200);
    expect(lastSeenBy('todos')?.headers.authorization).toBe(`Bearer ${token}`);
    expect(lastSeenBy('todos')?.headers.cookie).toBeUndefined();
  });

  it('ignores the token in a cookie without the __Host- prefix (one a sibling host or plain http could plant)', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/api/todos',
      headers: { cookie: `access_token=${token}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it('requires a same-origin request for cookie-authenticated changes, but not for bearer ones', async () => {
    const cookie = `${accessTokenCookie}=${token}`;
    const crossSite = await gateway.app.inject({
      method: 'POST',
      url: '/api/todos',
      headers: { cookie, origin: 'https://evil.example' },
      payload: { title: 'x' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.headers['content-type']).toMatch(/problem\+json/);
    const noOrigin = await gateway.app.inject({ method: 'DELETE', url: '/api/todos', headers: { cookie } });
    expect(noOrigin.statusCode).toBe(403);
    const sameOrigin = await gateway.app.inject({
      method: 'POST',
      url: '/api/todos',
      headers: { cookie, host: 'localhost:8080', origin: 'http://localhost:8080' },
      payload: { title: 'x' },
    });
    expect(sameOrigin.statusCode).toBe(200);
    const withBearer = await gateway.app.inject({
      method: 'POST',
      url: '/api/todos',
      headers: { ...bearer(), origin: 'https://elsewhere.example' },
      payload: { title: 'x' },
    });
    expect(withBearer.statusCode).toBe(200);
  });
});

describe('limits and upstream failures', () => {
  it('answers an oversize body with 413 problem+json', async () => {
    const response = await gateway.app.inject({
      method: 'POST',
      url: '/api/todos',
      headers: bearer(),
      payload: { title: 'x'.repeat(5000) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('reads a chunked body up to the limit: over it a 413 problem, under it forwarded with its length', async () => {
    const url = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
    const chunked = (size: number) =>
      fetch(`${url}/api/todos`, {
        method: 'POST',
        headers: { ...bearer(), 'content-type': 'application/json' },
        // A stream body has no Content-Length: fetch sends it chunked.
        body: new Blob([JSON.stringify({ title: 'x'.repeat(size) })]).stream(),
        duplex: 'half',
      });
    const over = await chunked(5000);
    expect(over.status).toBe(413);
    expect(over.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await over.json()).toMatchObject({ status: 413, title: 'Content Too Large' });
    const under = await chunked(100);
    expect(under.status).toBe(200);
    const length = JSON.stringify({ title: 'x'.repeat(100) }).length;
    expect(lastSeenBy('todos')?.headers).toMatchObject({ 'content-length': String(length) });
    expect(lastSeenBy('todos')?.headers['transfer-encoding']).toBeUndefined();
  });

  it('answers a slow upstream with 504 and a dead one with 502, as problem+json', async () => {
    const slow = await gateway.app.inject({ method: 'GET', url: '/api/todos/slow', headers: bearer() });
    expect(slow.statusCode).toBe(504);
    expect(slow.json()).toMatchObject({ status: 504, title: 'Gateway Timeout' });
    await gateway.upstreams.auth.close();
    // Over a real socket (listening since the test above): the proxy streams the body, which app.inject
    // cannot simulate on a failed upstream.
    const url = `http://127.0.0.1:${(gateway.app.server.address() as AddressInfo).port}`;
    const dead = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.c', password: 'x' }),
    });
    expect(dead.status).toBe(502);
    expect(dead.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await dead.json()).toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      detail: 'The service is unavailable.',
    });
  });

  it('sets security headers and honours the CORS allow-list', async () => {
    const response = await gateway.app.inject({
      method: 'GET',
      url: '/',
      headers: { origin: 'https://app.example' },
    });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example');
    const stranger = await gateway.app.inject({
      method: 'GET',
      url: '/',
      headers: { origin: 'https://evil.example' },
    });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await gateway.app.inject({
      method: 'OPTIONS',
      url: '/api/todos',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'PATCH' },
    });
    expect(preflight.statusCode).toBe(204);
  });
});

describe('docs', () => {
  it('serves Swagger UI and one document with the services’ paths as a client sees them', async () => {
    const ui = await gateway.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
    const document = (await gateway.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/events', '/api/auth/login', '/api/todos']),
    );
  });
});
