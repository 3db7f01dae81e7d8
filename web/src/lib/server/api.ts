// The app's gateway client: API_URL from the validated env, and the context of the request being served.
// Call these from hooks, load functions, actions and endpoints only.
import { API_URL } from '$app/env/private';
import { getRequestEvent } from '$app/server';
import type { z } from 'zod';
import { createApiClient, type ApiCallContext } from './api-client.ts';
import { createAuthApi, type AuthApi } from './auth-api.ts';

const client = createApiClient({ baseUrl: API_URL });

function contextOf(locals: App.Locals): ApiCallContext {
  return {
    requestId: locals.requestId,
    clientAddress: locals.clientAddress,
    accessToken: locals.accessToken,
  };
}

/** `fetch` against the gateway as the signed-in user: `apiFetch('/api/todos')`. */
export function apiFetch(path: string, init?: RequestInit): Promise<Response> {
  return client.fetch(path, init, contextOf(getRequestEvent().locals));
}

/**
 * Like `apiFetch`, reading the JSON answer with the contract's `schema`; throws `ApiError` (with the
 * problem+json) on non-2xx, or on an answer the contract does not allow.
 */
export function apiJson<S extends z.ZodType>(
  path: string,
  schema: S,
  init?: RequestInit,
): Promise<z.output<S>> {
  return client.json(path, schema, init, contextOf(getRequestEvent().locals));
}

/** The auth API for the request whose `locals` these are. */
export function authApi(locals: App.Locals = getRequestEvent().locals): AuthApi {
  return createAuthApi(client, contextOf(locals));
}

export { ApiError } from './api-client.ts';
