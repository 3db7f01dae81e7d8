import { accessTokenCookie, refreshTokenCookie } from '@todo-bus/contract';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { clearSession, resolveSession, storeSession } from './session.ts';
import { apiError, fakeAuth, jar, session, user } from './testing.ts';

describe('storeSession / clearSession', () => {
  it('keeps both tokens in HttpOnly, SameSite=Lax cookies on /, the access one a little shorter-lived', () => {
    const { cookies, writes } = jar();
    storeSession(cookies, session('a'));
    expect(writes).toEqual([
      {
        name: accessTokenCookie,
        value: 'access-a',
        options: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 870 },
      },
      {
        name: refreshTokenCookie,
        value: 'refresh-a',
        options: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 30 * 24 * 60 * 60 },
      },
    ]);
  });

  it('names them __Host- and always marks them Secure, as that prefix demands (and clears them likewise)', () => {
    const { cookies, writes } = jar();
    storeSession(cookies, session('a'));
    clearSession(cookies);
    expect(writes.map((write) => write.name)).toEqual([
      '__Host-access_token',
      '__Host-refresh_token',
      '__Host-access_token',
      '__Host-refresh_token',
    ]);
    for (const { options } of writes) {
      expect(options).toMatchObject({ secure: true, path: '/' });
      expect(options).not.toHaveProperty('domain');
    }
  });
});

describe('resolveSession', () => {
  it('uses a valid access cookie as it is', async () => {
    const { cookies, writes } = jar({
      [accessTokenCookie]: 'access-valid',
      [refreshTokenCookie]: 'refresh-valid',
    });
    const { auth, calls } = fakeAuth();
    expect(await resolveSession(cookies, auth)).toEqual({ user, accessToken: 'access-valid' });
    expect(calls).toEqual(['me access-valid']);
    expect(writes).toEqual([]);
  });

  it('refreshes when the access cookie has expired (the browser dropped it)', async () => {
    const { cookies, values } = jar({ [refreshTokenCookie]: 'refresh-valid' });
    const { auth, calls } = fakeAuth();
    expect(await resolveSession(cookies, auth)).toEqual({ user, accessToken: 'access-new' });
    expect(calls).toEqual(['refresh refresh-valid']);
    expect(Object.fromEntries(values)).toEqual({
      [accessTokenCookie]: 'access-new',
      [refreshTokenCookie]: 'refresh-new',
    });
  });

  it('refreshes when the access token is refused', async () => {
    const { cookies } = jar({ [accessTokenCookie]: 'access-expired', [refreshTokenCookie]: 'refresh-valid' });
    const { auth, calls } = fakeAuth();
    expect(await resolveSession(cookies, auth)).toMatchObject({ accessToken: 'access-new' });
    expect(calls).toEqual(['me access-expired', 'refresh refresh-valid']);
  });

  it('ends a session whose refresh token is refused (expired, revoked or reused), clearing the cookies', async () => {
    const { cookies, values } = jar({ [refreshTokenCookie]: 'refresh-revoked' });
    expect(await resolveSession(cookies, fakeAuth().auth)).toBeNull();
    expect(values.size).toBe(0);
  });

  it('is signed out without cookies, asking nobody', async () => {
    const { auth, calls } = fakeAuth();
    expect(await resolveSession(jar().cookies, auth)).toBeNull();
    expect(calls).toEqual([]);
  });

  it('ends the session of a deleted account', async () => {
    const { cookies, values } = jar({
      [accessTokenCookie]: 'access-valid',
      [refreshTokenCookie]: 'refresh-valid',
    });
    const { auth } = fakeAuth({ me: () => Promise.reject(apiError(404)) });
    expect(await resolveSession(cookies, auth)).toBeNull();
    expect(values.size).toBe(0);
  });

  it('throws, keeping the cookies, when the auth API is unavailable', async () => {
    const { cookies, values } = jar({ [refreshTokenCookie]: 'refresh-valid' });
    const { auth } = fakeAuth({ refresh: () => Promise.reject(apiError(503)) });
    await expect(resolveSession(cookies, auth)).rejects.toBeInstanceOf(ApiError);
    expect(values.get(refreshTokenCookie)).toBe('refresh-valid');
  });
});
