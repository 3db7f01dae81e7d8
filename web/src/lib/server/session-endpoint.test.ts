import { accessTokenCookie, refreshTokenCookie } from '@todo-bus/contract';
import { describe, expect, it } from 'vitest';
import { renewSession } from './session-endpoint.ts';
import { apiError, fakeAuth, jar } from './testing.ts';

function post(headers: Record<string, string>, cookies: Record<string, string>) {
  return {
    request: new Request('http://localhost:8080/session/refresh', { method: 'POST', headers }),
    url: new URL('http://localhost:8080/session/refresh'),
    cookies: jar(cookies),
  };
}

const sameOrigin = { origin: 'http://localhost:8080' };

describe('POST /session/refresh', () => {
  it('renews the cookies (204) for the page itself', async () => {
    const input = post(sameOrigin, { [refreshTokenCookie]: 'refresh-valid' });
    const response = await renewSession({ ...input, cookies: input.cookies.cookies }, fakeAuth().auth);
    expect(response.status).toBe(204);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(input.cookies.values.get(accessTokenCookie)).toBe('access-new');
  });

  it('accepts Sec-Fetch-Site: same-origin when there is no Origin', async () => {
    const input = post({ 'sec-fetch-site': 'same-origin' }, { [refreshTokenCookie]: 'refresh-valid' });
    expect((await renewSession({ ...input, cookies: input.cookies.cookies }, fakeAuth().auth)).status).toBe(
      204,
    );
  });

  it('refuses another site (403), and touches nothing', async () => {
    const foreign: Array<Record<string, string>> = [
      { origin: 'http://evil.test' },
      { 'sec-fetch-site': 'cross-site' },
      {},
    ];
    for (const headers of foreign) {
      const input = post(headers, { [refreshTokenCookie]: 'refresh-valid' });
      const { auth, calls } = fakeAuth();
      expect((await renewSession({ ...input, cookies: input.cookies.cookies }, auth)).status).toBe(403);
      expect(calls).toEqual([]);
    }
  });

  it('answers 401 when the session is over, and 503 when the auth API is unavailable', async () => {
    const over = post(sameOrigin, { [refreshTokenCookie]: 'refresh-revoked' });
    const response = await renewSession({ ...over, cookies: over.cookies.cookies }, fakeAuth().auth);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');

    const down = post(sameOrigin, { [refreshTokenCookie]: 'refresh-valid' });
    const { auth } = fakeAuth({ refresh: () => Promise.reject(apiError(502)) });
    expect((await renewSession({ ...down, cookies: down.cookies.cookies }, auth)).status).toBe(503);
    expect(down.cookies.values.get(refreshTokenCookie)).toBe('refresh-valid');
  });
});
