// Fakes for the server modules' unit tests: a cookie jar and an auth API (tokens `*-valid` are accepted).
import type { Session, User } from '@todo-bus/contract';
import { ApiError } from './api-client.ts';
import type { AuthApi } from './auth-api.ts';
import type { CookieJar } from './session.ts';

export const user: User = { id: 'u1', email: 'ada@example.test', createdAt: '2026-01-01T00:00:00.000Z' };
export const session = (suffix: string): Session => ({
  user,
  accessToken: `access-${suffix}`,
  refreshToken: `refresh-${suffix}`,
  expiresIn: 900,
});
export const apiError = (status: number) => new ApiError({ type: 'about:blank', title: 'x', status });

/** A cookie jar that remembers what was set and deleted, with the options. */
export function jar(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const writes: Array<{ name: string; value: string; options: Record<string, unknown> }> = [];
  const cookies: CookieJar = {
    get: (name) => values.get(name),
    set: (name, value, options) => {
      values.set(name, value);
      writes.push({ name, value, options: { ...options } });
    },
    delete: (name, options) => {
      values.delete(name);
      writes.push({ name, value: '', options: { ...options } });
    },
  };
  return { cookies, values, writes };
}

export function fakeAuth(overrides: Partial<AuthApi> = {}) {
  const calls: string[] = [];
  const auth: AuthApi = {
    register: () => Promise.reject(new Error('unused')),
    login: () => Promise.reject(new Error('unused')),
    logout: () => Promise.resolve(),
    me: (token) => {
      calls.push(`me ${token}`);
      return token === 'access-valid' ? Promise.resolve(user) : Promise.reject(apiError(401));
    },
    refresh: (token) => {
      calls.push(`refresh ${token}`);
      return token === 'refresh-valid' ? Promise.resolve(session('new')) : Promise.reject(apiError(401));
    },
    ...overrides,
  };
  return { auth, calls };
}
