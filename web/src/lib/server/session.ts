// The browser's session: two HttpOnly cookies, read and renewed by the web server only.
//
// `access_token` is the cookie the gateway accepts for /api/todos and /api/events (its ACCESS_TOKEN_COOKIE),
// so the page's own fetch and EventSource calls carry it without JavaScript ever seeing a token.
// `refresh_token` is only ever sent back to this server, which exchanges it with the auth API.
import type { Cookies } from '@sveltejs/kit';
import type { Session, User } from '@todo-bus/contract';
import { ApiError } from './api-client.ts';
import type { AuthApi } from './auth-api.ts';

export const accessTokenCookie = 'access_token';
export const refreshTokenCookie = 'refresh_token';
/** The auth service's default refresh-token lifetime; the service, not the cookie, decides validity. */
const refreshTokenMaxAgeSeconds = 30 * 24 * 60 * 60;

export type CookieJar = Pick<Cookies, 'get' | 'set' | 'delete'>;

/** Who is signed in, and the token the server uses on their behalf. */
export interface ActiveSession {
  user: User;
  accessToken: string;
}

function cookieOptions(secure: boolean, maxAge?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, ...(maxAge ? { maxAge } : {}) };
}

/**
 * Keeps a new session in the cookies. `secure` follows the public protocol: a Secure cookie sent over plain
 * http to any host but localhost would be dropped by the browser and the user could never sign in.
 */
export function storeSession(cookies: CookieJar, session: Session, secure: boolean): void {
  // The access cookie leaves the browser a little before its token expires, so requests do not carry a
  // token the gateway is about to refuse: the next page load or /session/refresh renews it instead.
  const skew = Math.min(30, Math.floor(session.expiresIn / 10));
  cookies.set(
    accessTokenCookie,
    session.accessToken,
    cookieOptions(secure, Math.max(1, session.expiresIn - skew)),
  );
  cookies.set(refreshTokenCookie, session.refreshToken, cookieOptions(secure, refreshTokenMaxAgeSeconds));
}

export function clearSession(cookies: CookieJar, secure: boolean): void {
  cookies.delete(accessTokenCookie, cookieOptions(secure));
  cookies.delete(refreshTokenCookie, cookieOptions(secure));
}

/** A refusal that means "this session is over", as opposed to "the service is unavailable". */
const isRefusal = (error: unknown, statuses: readonly number[]) =>
  error instanceof ApiError && statuses.includes(error.status);

/**
 * Exchanges the refresh cookie for a new pair (rotation), storing it. Null, with the cookies cleared, when
 * the refresh token is missing, expired, revoked or reused. Other failures (auth unavailable, rate limited)
 * throw and leave the cookies alone: the session may well be fine.
 */
export async function refreshSession(
  cookies: CookieJar,
  auth: AuthApi,
  secure: boolean,
): Promise<Session | null> {
  const refreshToken = cookies.get(refreshTokenCookie);
  if (!refreshToken) {
    if (cookies.get(accessTokenCookie)) clearSession(cookies, secure);
    return null;
  }
  try {
    const session = await auth.refresh(refreshToken);
    storeSession(cookies, session, secure);
    return session;
  } catch (error) {
    if (!isRefusal(error, [400, 401])) throw error;
    clearSession(cookies, secure);
    return null;
  }
}

/**
 * The signed-in user of a request: the access cookie when the auth API still accepts it, else a refresh
 * (when the cookie has expired, or the token was refused). Throws when the auth API cannot answer.
 */
export async function resolveSession(
  cookies: CookieJar,
  auth: AuthApi,
  secure: boolean,
): Promise<ActiveSession | null> {
  const accessToken = cookies.get(accessTokenCookie);
  if (accessToken) {
    try {
      return { user: await auth.me(accessToken), accessToken };
    } catch (error) {
      if (isRefusal(error, [404])) {
        // The account is gone.
        clearSession(cookies, secure);
        return null;
      }
      if (!isRefusal(error, [401])) throw error;
    }
  }
  const session = await refreshSession(cookies, auth, secure);
  return session ? { user: session.user, accessToken: session.accessToken } : null;
}
