import { randomBytes } from 'node:crypto';
import type { ApiClient } from './api-client.ts';

/** A registered user of the system under test, with a live session. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

interface SessionBody {
  user: { id: string; email: string };
  accessToken: string;
  refreshToken: string;
}

/** Registers a fresh user through the gateway (argon2id runs for each: a few tens of ms of CPU in auth). */
export async function registerUser(api: ApiClient, label: string): Promise<TestUser> {
  const email = `${label}-${randomBytes(6).toString('hex')}@example.com`;
  const password = randomBytes(12).toString('base64url');
  const session = await api.expect<SessionBody>(201, {
    method: 'POST',
    path: '/api/auth/register',
    body: { email, password },
  });
  return {
    id: session.user.id,
    email,
    password,
    accessToken: session.accessToken,
    refreshToken: session.refreshToken,
  };
}

/** Logs in again (issue 9: each virtual user logs in once): a new session replaces the user's tokens. */
export async function logIn(api: ApiClient, user: TestUser): Promise<TestUser> {
  const session = await api.expect<SessionBody>(200, {
    method: 'POST',
    path: '/api/auth/login',
    body: { email: user.email, password: user.password },
  });
  return { ...user, accessToken: session.accessToken, refreshToken: session.refreshToken };
}

/** Exchanges the refresh token for a new pair (sessions outlive the 15-minute access token). */
export async function refresh(api: ApiClient, user: TestUser): Promise<TestUser> {
  const session = await api.expect<SessionBody>(200, {
    method: 'POST',
    path: '/api/auth/refresh',
    body: { refreshToken: user.refreshToken },
  });
  return { ...user, accessToken: session.accessToken, refreshToken: session.refreshToken };
}

/** Runs `task` over `items` with at most `concurrency` in flight; results keep the items' order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
