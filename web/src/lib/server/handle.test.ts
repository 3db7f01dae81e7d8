import { accessTokenCookie } from '@todo-bus/contract';
import { describe, expect, it } from 'vitest';
import { createHandle } from './handle.ts';
import { apiError, fakeAuth, jar, user } from './testing.ts';

type Handle = ReturnType<typeof createHandle>;
type HandleInput = Parameters<Handle>[0];

/** Runs the hook for one request; the route answers `answer`. */
async function run(
  options: {
    path?: string;
    headers?: Record<string, string>;
    cookies?: Record<string, string>;
    auth?: ReturnType<typeof fakeAuth>['auth'];
    clientAddress?: () => string;
  } = {},
  answer = () => new Response('page'),
) {
  const reports: string[] = [];
  const { auth, calls } = options.auth ? { auth: options.auth, calls: [] } : fakeAuth();
  const seenBy: App.Locals[] = [];
  const handle = createHandle({
    authApi: (locals) => {
      seenBy.push(locals);
      return auth;
    },
    report: (message) => reports.push(message),
  });
  const locals = {} as App.Locals;
  const { cookies } = jar(options.cookies);
  const event = {
    request: new Request(`http://localhost${options.path ?? '/'}`, { headers: options.headers ?? {} }),
    url: new URL(`http://localhost${options.path ?? '/'}`),
    locals,
    cookies,
    getClientAddress: options.clientAddress ?? (() => '203.0.113.7'),
  };
  const response = await handle({
    event: event as unknown as HandleInput['event'],
    resolve: () => Promise.resolve(answer()),
  });
  return { response, locals, calls, reports, seenBy };
}

describe('handle', () => {
  it('signs in the user of a valid access cookie, keeping the token for server-side calls', async () => {
    const { locals } = await run({ cookies: { [accessTokenCookie]: 'access-valid' } });
    expect(locals).toMatchObject({ user, accessToken: 'access-valid', sessionUnavailable: false });
  });

  it('has no user without cookies', async () => {
    const { locals, calls } = await run();
    expect(locals).toMatchObject({ user: null, accessToken: null, sessionUnavailable: false });
    expect(calls).toEqual([]);
  });

  it('renders pages without a user when the auth API is unavailable, and says so in locals', async () => {
    const { auth } = fakeAuth({ me: () => Promise.reject(apiError(502)) });
    const { locals, response, reports } = await run({
      cookies: { [accessTokenCookie]: 'access-valid' },
      auth,
    });
    expect(locals).toMatchObject({ user: null, sessionUnavailable: true });
    expect(response.status).toBe(200);
    expect(reports).toEqual(['session lookup failed']);
  });

  it('asks nobody about the session for health checks and the session endpoint', async () => {
    for (const path of ['/healthz', '/readyz', '/session/refresh']) {
      const { calls } = await run({ path, cookies: { [accessTokenCookie]: 'access-valid' } });
      expect(calls, path).toEqual([]);
    }
  });

  it("forwards the gateway's request id and the browser's address on API calls", async () => {
    const { response, seenBy } = await run({
      headers: { 'x-request-id': 'req-42' },
      cookies: { [accessTokenCookie]: 'access-valid' },
    });
    expect(seenBy[0]).toMatchObject({ requestId: 'req-42', clientAddress: '203.0.113.7' });
    expect(response.headers.get('x-request-id')).toBe('req-42');
  });

  it('adds no request id when none (or an unsafe one) came in, and copes without an address', async () => {
    const { response, locals } = await run({
      headers: { 'x-request-id': 'bad id' },
      clientAddress: () => {
        throw new Error('Address header was specified but is absent from request');
      },
    });
    expect(locals).toMatchObject({ requestId: null, clientAddress: null });
    expect(response.headers.has('x-request-id')).toBe(false);
  });

  it('sets a Referrer-Policy under which form posts without JavaScript still carry their Origin', async () => {
    const { response } = await run();
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });
});
