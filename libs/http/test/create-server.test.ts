import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '@todo-bus/logger';
import { createServer, ProblemError, registerOpenApi, type App } from '../src/index.ts';

let app: App;

beforeAll(async () => {
  app = createServer({ logger: createLogger({ name: 'test', level: 'silent' }), bodyLimit: 1024 });
  await registerOpenApi(app, { title: 'Test API', version: '1.0.0' });
  app.post(
    '/things',
    {
      schema: {
        body: z.object({ title: z.string().min(1), order: z.number().int().optional() }).strict(),
        response: { 201: z.object({ title: z.string() }) },
      },
    },
    async (request, reply) => reply.code(201).send({ title: request.body.title }),
  );
  app.delete('/things', async (request, reply) => reply.code(204).send());
  app.get('/conflict', () => {
    throw new ProblemError(409, 'That email is taken.', {
      errors: [{ field: 'body.email', message: 'taken' }],
    });
  });
  // Shaped as libs/db and libs/token-verifier throw them: they never import this lib.
  app.get('/busy', () => {
    throw Object.assign(new Error('The data is busy with concurrent changes; please retry.'), {
      name: 'DatabaseBusyError',
      retryAfterSeconds: 1,
    });
  });
  app.get('/anonymous', () => {
    throw Object.assign(new Error('An access token is required.'), { name: 'UnauthenticatedError' });
  });
  app.get('/boom', () => {
    throw new Error('connection to 10.0.0.5 refused: password authentication failed');
  });
  let databaseUp = true;
  app.readinessChecks.set('database', async () => {
    if (!databaseUp) throw new Error('database unreachable');
  });
  app.get('/toggle-db', () => {
    databaseUp = !databaseUp;
    return { databaseUp };
  });
  await app.ready();
});

afterAll(() => app.close());

describe('problem+json errors', () => {
  it('names the field at fault on validation errors', async () => {
    const response = await app.inject({ method: 'POST', url: '/things', payload: { title: '', order: 1.5 } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json<{ status: number; errors: { field: string }[] }>();
    expect(body.status).toBe(400);
    expect(body.errors.map((error) => error.field).sort()).toEqual(['body.order', 'body.title']);
  });

  it('rejects unknown fields', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/things',
      payload: { title: 'a', owner: 'x' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      errors: [{ field: 'body.owner', message: 'is not a known field' }],
    });
  });

  it('answers malformed JSON and oversize bodies with 400 and 413', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"title":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: 400, title: 'Bad Request' });
    const huge = await app.inject({ method: 'POST', url: '/things', payload: { title: 'x'.repeat(5000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toMatch(/problem\+json/);
  });

  it('passes domain problems through with their fields', async () => {
    const response = await app.inject({ method: 'GET', url: '/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'That email is taken.',
      errors: [{ field: 'body.email', message: 'taken' }],
    });
  });

  it('never leaks internals on 5xx', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('10.0.0.5');
    expect(response.body).not.toContain('password');
    expect(response.json()).toMatchObject({ status: 500, title: 'Internal Server Error' });
  });

  it('answers the data layer’s busy error with 503 and Retry-After, and a missing token with 401', async () => {
    const busy = await app.inject({ method: 'GET', url: '/busy' });
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(busy.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
    const anonymous = await app.inject({ method: 'GET', url: '/anonymous' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ status: 401, detail: 'An access token is required.' });
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, detail: 'No route for GET /nope.' });
  });
});

describe('plumbing', () => {
  it('accepts application/json with an empty body', async () => {
    const response = await app.inject({
      method: 'DELETE',
      url: '/things',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(204);
  });

  it('propagates a safe x-request-id and replaces an unsafe one', async () => {
    const kept = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'evil\nid' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const minted = await app.inject({ method: 'GET', url: '/nope' });
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports readiness from the registered checks: the verdict in public, the details on the operations port', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ok' });
    expect((await app.operations.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'ok',
      checks: { database: 'ok' },
    });
    await app.inject({ method: 'GET', url: '/toggle-db' });
    const down = await app.inject({ method: 'GET', url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ status: 'unavailable' });
    const detailed = await app.operations.inject({ method: 'GET', url: '/readyz' });
    expect(detailed.statusCode).toBe(503);
    expect(detailed.json()).toEqual({ status: 'unavailable', checks: { database: 'database unreachable' } });
    await app.inject({ method: 'GET', url: '/toggle-db' });
  });

  it('serves /metrics on the operations port, never on the public one', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const scrape = await app.operations.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.statusCode).toBe(200);
    expect(scrape.body).toContain('http_request_duration_seconds');
  });

  it('describes routes in OpenAPI from their zod schemas', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>();
    expect(document.paths['/things']?.post?.requestBody).toBeDefined();
    expect(document.paths['/healthz']).toBeUndefined();
  });
});
