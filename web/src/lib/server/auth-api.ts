// The auth API as the web server calls it (through the gateway, with bearer tokens: `/api/auth/*` never
// reads the browser's cookie). Every call throws `ApiError` with the problem on a non-2xx answer.
import { meSchema, sessionSchema, type Credentials, type Me, type Session } from '@todo-bus/contract';
import type { ApiCallContext, ApiClient } from './api-client.ts';

export type { Credentials };

export interface AuthApi {
  register(credentials: Credentials): Promise<Session>;
  login(credentials: Credentials): Promise<Session>;
  refresh(refreshToken: string): Promise<Session>;
  logout(refreshToken: string): Promise<void>;
  me(accessToken: string): Promise<Me>;
}

const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The auth API for one browser request (`context` carries its request id and address). */
export function createAuthApi(client: ApiClient, context: ApiCallContext = {}): AuthApi {
  // Tokens go in explicitly per call: none of these may pick up the caller's session by accident.
  const anonymous = { ...context, accessToken: null };
  return {
    register: (credentials) =>
      client.json('/api/auth/register', sessionSchema, postJson(credentials), anonymous),
    login: (credentials) => client.json('/api/auth/login', sessionSchema, postJson(credentials), anonymous),
    refresh: (refreshToken) =>
      client.json('/api/auth/refresh', sessionSchema, postJson({ refreshToken }), anonymous),
    logout: (refreshToken) => client.send('/api/auth/logout', postJson({ refreshToken }), anonymous),
    me: (accessToken) => client.json('/api/auth/me', meSchema, {}, { ...context, accessToken }),
  };
}
