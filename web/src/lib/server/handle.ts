// The request hook, as a factory so it can be tested without SvelteKit's virtual modules: request id,
// the browser's address, and the session (locals.user), refreshed when the access token has expired.
import type { Handle } from '@sveltejs/kit/hooks';
import type { AuthApi } from './auth-api.ts';
import { readRequestId, withHeader } from './request-id.ts';
import { resolveSession } from './session.ts';

type HandleInput = Parameters<Handle>[0];
type RequestEvent = HandleInput['event'];

export interface HandleDeps {
  /** The auth API for this request (it forwards the request id and address in `locals`). */
  authApi: (locals: App.Locals) => AuthApi;
  /** Where session failures are reported (default: console.error). */
  report?: (message: string, details: Record<string, unknown>) => void;
}

/** Paths that never need to know who is asking; /session/refresh does its own session work. */
const sessionlessPaths = new Set(['/healthz', '/readyz', '/session/refresh']);

/** The address adapter-node derives from the gateway's X-Forwarded-For; null when it cannot tell. */
function clientAddress(event: RequestEvent): string | null {
  try {
    return event.getClientAddress();
  } catch {
    return null;
  }
}

/**
 * `same-origin`, not the gateway's `no-referrer`: under `no-referrer` a browser sends `Origin: null` with a
 * plain (JavaScript-less) form post, which SvelteKit's CSRF check must then refuse.
 */
export const referrerPolicy = 'same-origin';

export function createHandle(deps: HandleDeps): Handle {
  const report =
    deps.report ??
    ((message, details) => console.error(JSON.stringify({ level: 'error', message, ...details })));
  return async ({ event, resolve }) => {
    const { locals } = event;
    locals.requestId = readRequestId(event.request.headers);
    locals.clientAddress = clientAddress(event);
    locals.user = null;
    locals.accessToken = null;
    locals.sessionUnavailable = false;

    if (!sessionlessPaths.has(event.url.pathname)) {
      try {
        const session = await resolveSession(event.cookies, deps.authApi(locals));
        locals.user = session?.user ?? null;
        locals.accessToken = session?.accessToken ?? null;
      } catch (error) {
        // The auth API is unavailable: pages that need the user say so; the others still render.
        locals.sessionUnavailable = true;
        report('session lookup failed', { requestId: locals.requestId, error: String(error) });
      }
    }

    const response = withHeader(await resolve(event), 'referrer-policy', referrerPolicy);
    return locals.requestId ? withHeader(response, 'x-request-id', locals.requestId) : response;
  };
}
