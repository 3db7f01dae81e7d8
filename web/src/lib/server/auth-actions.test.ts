import { accessTokenCookie, refreshTokenCookie } from '@todo-bus/contract';
import { isActionFailure, isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { AuthApi } from './auth-api.ts';
import { authAction, logoutAction } from './auth-actions.ts';
import { ApiError } from './api-client.ts';
import { fakeAuth, jar, session } from './testing.ts';

function submit(fields: Record<string, string>, cookies = jar()) {
  const request = new Request('http://localhost/login', {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
  return { request, cookies: cookies.cookies, url: new URL('https://todos.example/login') };
}

/** Runs an action that may redirect (SvelteKit throws redirects). */
async function outcome(action: Promise<unknown>) {
  try {
    return { returned: await action };
  } catch (thrown) {
    if (isRedirect(thrown)) return { redirect: thrown.location, status: thrown.status };
    throw thrown;
  }
}

const credentials = { email: 'ada@example.test', password: 'correct horse battery' };
const conflict = new ApiError({
  type: 'about:blank',
  title: 'Conflict',
  status: 409,
  detail: 'An account with this email already exists.',
  errors: [{ field: 'body.email', message: 'is already registered' }],
});

describe.each(['login', 'register'] as const)('the %s action', (purpose) => {
  const succeeding: Partial<AuthApi> = {
    login: () => Promise.resolve(session('in')),
    register: () => Promise.resolve(session('in')),
  };

  it('keeps the session in the cookies and sends the browser to the list', async () => {
    const cookies = jar();
    const { auth } = fakeAuth(succeeding);
    expect(await outcome(authAction(purpose, () => auth)(submit(credentials, cookies)))).toEqual({
      redirect: '/',
      status: 303,
    });
    expect(Object.fromEntries(cookies.values)).toEqual({
      [accessTokenCookie]: 'access-in',
      [refreshTokenCookie]: 'refresh-in',
    });
    expect(cookies.writes.every((write) => write.options.secure === true)).toBe(true);
  });

  it('answers 400 with the errors by field and the email, without asking the API', async () => {
    const { auth, calls } = fakeAuth(succeeding);
    const result = await authAction(purpose, () => auth)(submit({ email: 'ada@example.test' }));
    expect(isActionFailure(result)).toBe(true);
    expect(result).toMatchObject({
      status: 400,
      data: { email: 'ada@example.test', errors: { password: 'Enter your password.' }, message: null },
    });
    expect(calls).toEqual([]);
  });

  it("puts the API's field errors next to their field, with its status, never echoing the password", async () => {
    const { auth } = fakeAuth({
      login: () => Promise.reject(conflict),
      register: () => Promise.reject(conflict),
    });
    const result = await authAction(purpose, () => auth)(submit(credentials));
    expect(result).toMatchObject({
      status: 409,
      data: { email: credentials.email, errors: { email: 'Email is already registered.' }, message: null },
    });
    expect(JSON.stringify(result)).not.toContain(credentials.password);
  });

  it('says the service is unavailable when the API cannot be reached', async () => {
    const unreachable = () => Promise.reject(new TypeError('fetch failed'));
    const { auth } = fakeAuth({ login: unreachable, register: unreachable });
    const result = await authAction(purpose, () => auth)(submit(credentials));
    expect(result.status).toBe(503);
    expect(result.data.message).toMatch(/unavailable/);
  });
});

describe('the logout action', () => {
  it('revokes the login at the auth service, clears the cookies and goes to /login', async () => {
    const revoked: string[] = [];
    const { auth } = fakeAuth({ logout: (token) => Promise.resolve(void revoked.push(token)) });
    const cookies = jar({ [accessTokenCookie]: 'access-valid', [refreshTokenCookie]: 'refresh-valid' });
    expect(await outcome(logoutAction(() => auth)(submit({}, cookies)))).toEqual({
      redirect: '/login',
      status: 303,
    });
    expect(revoked).toEqual(['refresh-valid']);
    expect(cookies.values.size).toBe(0);
  });

  it('clears the cookies even when the auth service cannot be reached', async () => {
    const { auth } = fakeAuth({ logout: () => Promise.reject(new TypeError('fetch failed')) });
    const reported: unknown[] = [];
    const cookies = jar({ [refreshTokenCookie]: 'refresh-valid' });
    await outcome(
      logoutAction(
        () => auth,
        (error) => reported.push(error),
      )(submit({}, cookies)),
    );
    expect(cookies.values.size).toBe(0);
    expect(reported).toHaveLength(1);
  });
});
