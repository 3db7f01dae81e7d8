// The browser's session: two HttpOnly `__Host-` cookies, read and renewed by the web server only.
//
// `__Host-access_token` is the cookie the gateway accepts for /api/todos and /api/events (both take the name
// from the contract), so the page's own fetch and EventSource calls carry it without JavaScript ever seeing a
// token. `__Host-refresh_token` is only ever sent back to this server, which exchanges it with the auth API.
import type { Cookies } from '@sveltejs/kit';
import { accessTokenCookie, refreshTokenCookie, type Session, type User } from '@todo-bus/contract';
import { ApiError } from './api-client.ts';
import type { AuthApi } from './auth-api.ts';

/** The auth service's default refresh-token lifetime; the service, not the cookie, decides validity. */
const refreshTokenMaxAgeSeconds = 30 * 24 * 60 * 60;

export type CookieJar = Pick<Cookies, 'get' | 'set' | 'delete'>;

/** Who is signed in, and the token the server uses on their behalf. */
export interface ActiveSession {
  user: User;
  accessToken: string;
}

/**
 * What the `__Host-` prefix demands (Secure, Path=/, no Domain), always: an https origin, or http://localhost
 * (a secure context to Chromium and Firefox). A browser drops them on plain http to any other host, so such
 * an origin cannot sign in rather than carry tokens in clear.
 */
function cookieOptions(maxAge?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: true, ...(maxAge ? { maxAge } : {}) };
}

/** Keeps a new session in the cookies. */
export function storeSession(cookies: CookieJar, session: Session): void {
  // The access cookie leaves the browser a little before its token expires, so requests do not carry a
  // token the gateway is about to refuse: the next page load or /session/refresh renews it instead.
  const skew = Math.min(30, Math.floor(session.expiresIn / 10));
  cookies.set(accessTokenCookie, session.accessToken, cookieOptions(Math.max(1, session.expiresIn - skew)));
  cookies.set(refreshTokenCookie, session.refreshToken, cookieOptions(refreshTokenMaxAgeSeconds));
}

export function clearSession(cookies: CookieJar): void {
  cookies.delete(accessTokenCookie, cookieOptions());
  cookies.delete(refreshTokenCookie, cookieOptions());
}

/** A refusal that means "this session is over", as opposed to "the service is unavailable". */
const isRefusal = (error: unknown, statuses: readonly number[]) =>
  error instanceof ApiError && statuses.includes(error.status);

/**
 * Exchanges the refresh cookie for a new pair (rotation), storing it. Null, with the cookies cleared, when
 * the refresh token is missing, expired, revoked or reused. Other failures (auth unavailable, rate limited)
 * throw and leave the cookies alone: the session may well be fine.
 */
export async function refreshSession(cookies: CookieJar, auth: AuthApi): Promise<Session | null> {
  const refreshToken = cookies.get(refreshTokenCookie);
  if (!refreshToken) {
    if (cookies.get(accessTokenCookie)) clearSession(cookies);
    return null;
  }
  try {
    const session = await auth.refresh(refreshToken);
    storeSession(cookies, session);
    return session;
  } catch (error) {
    if (!isRefusal(error, [400, 401])) throw error;
    clearSession(cookies);
    return null;
  }
}

/**
 * The signed-in user of a request: the access cookie when the auth API still accepts it, else a refresh
 * (when the cookie has expired, or the token was refused). Throws when the auth API cannot answer.
 */
export async function resolveSession(cookies: CookieJar, auth: AuthApi): Promise<ActiveSession | null> {
  const accessToken = cookies.get(accessTokenCookie);
  if (accessToken) {
    try {
      return { user: await auth.me(accessToken), accessToken };
    } catch (error) {
      if (isRefusal(error, [404])) {
        // The account is gone.
        clearSession(cookies);
        return null;
      }
      if (!isRefusal(error, [401])) throw error;
    }
  }
  const session = await refreshSession(cookies, auth);
  return session ? { user: session.user, accessToken: session.accessToken } : null;
}
