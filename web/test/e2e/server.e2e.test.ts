// The built web server's runtime contract (how it starts, its health endpoints, request ids), and the
// same-origin check on form posts through the gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, url } from './harness.ts';
import { startWebServer, type WebServer } from './web-server.ts';

describe('node build/index.js', () => {
  let server: WebServer | undefined;

  beforeAll(async () => {
    server = await startWebServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  function serverUrl(path: string): string {
    if (!server) throw new Error('no server');
    return server.url + path;
  }

  it('listens on 127.0.0.1 when HOST is not set', () => {
    expect(server?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(serverUrl('/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const ready = await fetch(serverUrl('/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: {} });
  });

  it("echoes the gateway's x-request-id", async () => {
    const response = await fetch(serverUrl('/login'), { headers: { 'x-request-id': 'e2e-request-1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('e2e-request-1');
  });
});

describe('start-up configuration', () => {
  it('refuses an invalid API_URL, naming the variable', async () => {
    const failure = await startWebServer({ env: { API_URL: 'ftp://gateway' } }).then(
      async (started) => {
        await started.stop();
        return null;
      },
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toMatch(/API_URL/);
  });
});

describe('form posts through the gateway', () => {
  function post(origin: string) {
    return fetch(url('/login'), {
      method: 'POST',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'nobody@example.test', password: 'correct horse' }),
    });
  }

  it('reach the action from the same origin (here: refused credentials, 401)', async () => {
    const response = await post(baseUrl());
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('The email or password is incorrect.');
  });

  it('are refused from another origin', async () => {
    const response = await post('http://evil.test');
    expect(response.status).toBe(403);
  });
});
