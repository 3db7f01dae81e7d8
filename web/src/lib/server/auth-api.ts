// The auth API as the web server calls it (through the gateway, with bearer tokens: `/api/auth/*` never
// reads the browser's cookie). Every call throws `ApiError` with the problem on a non-2xx answer.
import type { Session, User } from '../types.ts';
import type { ApiCallContext, ApiClient } from './api-client.ts';

export interface Credentials {
  email: string;
  password: string;
}

export interface AuthApi {
  register(credentials: Credentials): Promise<Session>;
  login(credentials: Credentials): Promise<Session>;
  refresh(refreshToken: string): Promise<Session>;
  logout(refreshToken: string): Promise<void>;
  me(accessToken: string): Promise<User>;
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
    register: (credentials) => client.json<Session>('/api/auth/register', postJson(credentials), anonymous),
    login: (credentials) => client.json<Session>('/api/auth/login', postJson(credentials), anonymous),
    refresh: (refreshToken) =>
      client.json<Session>('/api/auth/refresh', postJson({ refreshToken }), anonymous),
    logout: (refreshToken) => client.json<void>('/api/auth/logout', postJson({ refreshToken }), anonymous),
    me: (accessToken) => client.json<User>('/api/auth/me', {}, { ...context, accessToken }),
  };
}
