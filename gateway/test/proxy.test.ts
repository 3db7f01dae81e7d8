import { createLogger } from '@todo-bus/logger';
import type { App } from '@todo-bus/http';
import { useTestNats, type TestNats } from '@todo-bus/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { configSchema } from '../src/config.ts';
import { startStubUpstream, type StubUpstream } from './stub-upstream.ts';

let gateway: App;
let nats: TestNats;
let auth: StubUpstream;
let todos: StubUpstream;
let web: StubUpstream;
let todosReady = true;

beforeAll(async () => {
  nats = await useTestNats();
  auth = await startStubUpstream('auth');
  todos = await startStubUpstream('todos', { ready: () => todosReady });
  web = await startStubUpstream('web');
  const config = configSchema.parse({
    NATS_URL: nats.url,
    NATS_NAMESPACE: nats.namespace,
    AUTH_URL: auth.url,
    TODOS_URL: todos.url,
    WEB_URL: web.url,
    LOG_LEVEL: 'silent',
  });
  gateway = await buildApp(config, { logger: createLogger({ name: 'gateway-test', level: 'silent' }) });
  await gateway.ready();
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([auth, todos, web].map((stub) => stub?.close()));
  await nats?.cleanup();
});

describe('gateway routing', () => {
  it.each([
    ['/api/auth/login', 'auth'],
    ['/api/todos', 'todos'],
    ['/api/todos/123?x=1', 'todos'],
    ['/', 'web'],
    ['/login', 'web'],
    ['/_app/immutable/start.js', 'web'],
  ])('sends %s to %s with the path unchanged', async (url, upstream) => {
    const response = await gateway.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ upstream, url });
  });

  it('propagates the request id to the upstream and back', async () => {
    const response = await gateway.inject({
      method: 'GET',
      url: '/api/todos',
      headers: { 'x-request-id': 'trace-me-1' },
    });
    expect(response.headers['x-request-id']).toBe('trace-me-1');
    expect(todos.requests.at(-1)?.headers['x-request-id']).toBe('trace-me-1');
  });

  it('is ready only when every upstream and NATS are', async () => {
    const ready = await gateway.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ok',
      checks: { nats: 'ok', auth: 'ok', todos: 'ok', web: 'ok' },
    });
    todosReady = false;
    const degraded = await gateway.inject({ method: 'GET', url: '/readyz' });
    todosReady = true;
    expect(degraded.statusCode).toBe(503);
    expect(degraded.json<{ checks: Record<string, string> }>().checks.todos).toMatch(/answered 503/);
  });
});
