// POST /session/refresh: the page's way to renew its HttpOnly access cookie when the gateway refuses it
// (a fetch answered 401, or the live stream ended with "token-expired").
import type { AuthApi } from './auth-api.ts';
import { refreshSession, type CookieJar } from './session.ts';

const noStore = { 'cache-control': 'no-store' };

function problem(status: number, detail: string): Response {
  const title = { 401: 'Unauthorized', 403: 'Forbidden', 503: 'Service Unavailable' }[status] ?? 'Error';
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
    status,
    headers: { ...noStore, 'content-type': 'application/problem+json' },
  });
}

/** Same rule as the gateway's for cookie-authenticated changes: the page itself, not another site. */
export function isSameOrigin(request: Request, url: URL): boolean {
  const origin = request.headers.get('origin');
  return origin ? origin === url.origin : request.headers.get('sec-fetch-site') === 'same-origin';
}

export async function renewSession(
  input: { request: Request; cookies: CookieJar; url: URL },
  auth: AuthApi,
): Promise<Response> {
  if (!isSameOrigin(input.request, input.url)) return problem(403, 'Only this site can renew its session.');
  try {
    const session = await refreshSession(input.cookies, auth);
    return session
      ? new Response(null, { status: 204, headers: noStore })
      : problem(401, 'Please log in again.');
  } catch {
    return problem(503, 'The session could not be renewed right now.');
  }
}
