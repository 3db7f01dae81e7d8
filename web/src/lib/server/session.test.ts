import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { clearSession, resolveSession, storeSession } from './session.ts';
import { apiError, fakeAuth, jar, session, user } from './testing.ts';

describe('storeSession / clearSession', () => {
  it('keeps both tokens in HttpOnly, SameSite=Lax cookies on /, the access one a little shorter-lived', () => {
    const { cookies, writes } = jar();
    storeSession(cookies, session('a'), true);
    expect(writes).toEqual([
      {
        name: 'access_token',
        value: 'access-a',
        options: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 870 },
      },
      {
        name: 'refresh_token',
        value: 'refresh-a',
        options: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: 30 * 24 * 60 * 60 },
      },
    ]);
  });

  it('marks them Secure only when the public origin is https', () => {
    const { cookies, writes } = jar();
    storeSession(cookies, session('a'), false);
    clearSession(cookies, false);
    expect(writes.every((write) => write.options.secure === false)).toBe(true);
    expect(writes.slice(2).map((write) => write.name)).toEqual(['access_token', 'refresh_token']);
  });
});

describe('resolveSession', () => {
  it('uses a valid access cookie as it is', async () => {
    const { cookies, writes } = jar({ access_token: 'access-valid', refresh_token: 'refresh-valid' });
    const { auth, calls } = fakeAuth();
    expect(await resolveSession(cookies, auth, true)).toEqual({ user, accessToken: 'access-valid' });
    expect(calls).toEqual(['me access-valid']);
    expect(writes).toEqual([]);
  });

  it('refreshes when the access cookie has expired (the browser dropped it)', async () => {
    const { cookies, values } = jar({ refresh_token: 'refresh-valid' });
    const { auth, calls } = fakeAuth();
    expect(await resolveSession(cookies, auth, true)).toEqual({ user, accessToken: 'access-new' });
    expect(calls).toEqual(['refresh refresh-valid']);
    expect(Object.fromEntries(values)).toEqual({ access_token: 'access-new', refresh_token: 'refresh-new' });
  });

  it('refreshes when the access token is refused', async () => {
    const { cookies } = jar({ access_token: 'access-expired', refresh_token: 'refresh-valid' });
    const { auth, calls } = fakeAuth();
    expect(await resolveSession(cookies, auth, true)).toMatchObject({ accessToken: 'access-new' });
    expect(calls).toEqual(['me access-expired', 'refresh refresh-valid']);
  });

  it('ends a session whose refresh token is refused (expired, revoked or reused), clearing the cookies', async () => {
    const { cookies, values } = jar({ refresh_token: 'refresh-revoked' });
    expect(await resolveSession(cookies, fakeAuth().auth, true)).toBeNull();
    expect(values.size).toBe(0);
  });

  it('is signed out without cookies, asking nobody', async () => {
    const { auth, calls } = fakeAuth();
    expect(await resolveSession(jar().cookies, auth, true)).toBeNull();
    expect(calls).toEqual([]);
  });

  it('ends the session of a deleted account', async () => {
    const { cookies, values } = jar({ access_token: 'access-valid', refresh_token: 'refresh-valid' });
    const { auth } = fakeAuth({ me: () => Promise.reject(apiError(404)) });
    expect(await resolveSession(cookies, auth, true)).toBeNull();
    expect(values.size).toBe(0);
  });

  it('throws, keeping the cookies, when the auth API is unavailable', async () => {
    const { cookies, values } = jar({ refresh_token: 'refresh-valid' });
    const { auth } = fakeAuth({ refresh: () => Promise.reject(apiError(503)) });
    await expect(resolveSession(cookies, auth, true)).rejects.toBeInstanceOf(ApiError);
    expect(values.get('refresh_token')).toBe('refresh-valid');
  });
});
