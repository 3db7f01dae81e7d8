// The app's gateway client: API_URL from the validated env, and the context of the request being served.
// Call these from load functions, actions and endpoints only (they read the current request).
import { API_URL } from '$app/env/private';
import { getRequestEvent } from '$app/server';
import { createApiClient, type ApiCallContext } from './api-client.ts';

const client = createApiClient({ baseUrl: API_URL });

function currentContext(): ApiCallContext {
  const { locals } = getRequestEvent();
  // TODO(auth issue): read the HttpOnly access-token cookie (event.cookies) and send it as the bearer token.
  return { requestId: locals.requestId, accessToken: null };
}

/** `fetch` against the gateway: `apiFetch('/api/todos')`. */
export function apiFetch(path: string, init?: RequestInit): Promise<Response> {
  return client.fetch(path, init, currentContext());
}

/** Like `apiFetch`, parsing the JSON answer; throws `ApiError` (with the problem+json) on non-2xx. */
export function apiJson<T>(path: string, init?: RequestInit): Promise<T> {
  return client.json<T>(path, init, currentContext());
}

export { ApiError } from './api-client.ts';
