import type { Session } from '@todo-bus/contract';
import type { App } from '@todo-bus/http';

/** What register, login and refresh answer (the API contract's session). */
export type SessionBody = Session;

/** Small helpers over app.inject that read like the API calls they stand for. */
export function authApi(app: App) {
  const post = (url: string, payload: object, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'POST', url, payload, remoteAddress });
  return {
    register: (email: string, password: string, remoteAddress?: string) =>
      post('/api/auth/register', { email, password }, remoteAddress),
    login: (email: string, password: string, remoteAddress?: string) =>
      post('/api/auth/login', { email, password }, remoteAddress),
    refresh: (refreshToken: string) => post('/api/auth/refresh', { refreshToken }),
    logout: (refreshToken: string) => post('/api/auth/logout', { refreshToken }),
    me: (accessToken: string) =>
      app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${accessToken}` } }),
    deleteMe: (accessToken: string, password: string) =>
      app.inject({
        method: 'DELETE',
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${accessToken}` },
        payload: { password },
      }),
  };
}

let counter = 0;
export const uniqueEmail = () => `user${Date.now()}-${counter++}@example.com`;
