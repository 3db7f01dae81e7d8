// The gateway API client, free of SvelteKit imports so it can be unit tested; `api.ts` binds it to the
// app's env and the request being served.
import type { Problem } from '@todo-bus/contract';
import type { z } from 'zod';
import { readAnswer } from '../api-answer.ts';
import { readProblem } from '../problem.ts';

export { readProblem };

export const defaultApiUrl = 'http://127.0.0.1:8080';
export const defaultTimeoutMs = 10_000;

/** Who the call is made for: both come from the browser's request being served. */
export interface ApiCallContext {
  /** Sent as `Authorization: Bearer …`: the access token from the session cookie. */
  accessToken?: string | null | undefined;
  /** Forwarded as `x-request-id`, so the gateway's logs tie this call to the browser's request. */
  requestId?: string | null | undefined;
  /**
   * The browser's address, sent as `x-forwarded-for`: the gateway trusts the web server as a proxy, so the
   * auth service's per-IP limits count each browser, not the web server as one client.
   */
  clientAddress?: string | null | undefined;
}

export interface ApiClientOptions {
  baseUrl: string | URL;
  fetch?: typeof globalThis.fetch;
  /** Upper bound for one call, so a stuck gateway cannot hang page rendering. */
  timeoutMs?: number;
}

/**
 * Thrown by `json()` and `send()` for a non-2xx answer, carrying the problem+json body; and for a 2xx answer
 * whose body the API contract does not allow, as a 502 problem that says what did not match.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

/** Validates API_URL (absent: the default). The result never ends with a slash, except the root path. */
export function parseApiBaseUrl(value: string | undefined): URL {
  const raw = value === undefined || value.trim() === '' ? defaultApiUrl : value.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`API_URL must be an absolute http(s) URL, got ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`API_URL must use http or https, got ${JSON.stringify(url.protocol)}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error('API_URL must not carry credentials, a query or a fragment');
  }
  url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  return url;
}

/**
 * The absolute URL of an API path. Only paths under the base are accepted: `//host/…` or `http://…`
 * would otherwise send the caller's token to another host.
 */
export function apiUrl(baseUrl: URL, path: string): URL {
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) {
    throw new TypeError(`API path must be absolute (start with one "/"), got ${JSON.stringify(path)}`);
  }
  const prefix = baseUrl.pathname === '/' ? '' : baseUrl.pathname;
  const url = new URL(prefix + path, baseUrl.origin);
  if (url.origin !== baseUrl.origin) {
    throw new TypeError(`API path escapes the API origin: ${JSON.stringify(path)}`);
  }
  return url;
}

/** Request headers: the caller's own, plus JSON accept, bearer token, request id and client address unless set. */
export function apiHeaders(init: HeadersInit | undefined, context: ApiCallContext): Headers {
  const headers = new Headers(init);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (context.accessToken && !headers.has('authorization')) {
    headers.set('authorization', `Bearer ${context.accessToken}`);
  }
  if (context.requestId && !headers.has('x-request-id')) headers.set('x-request-id', context.requestId);
  if (context.clientAddress && !headers.has('x-forwarded-for')) {
    headers.set('x-forwarded-for', context.clientAddress);
  }
  return headers;
}

export function createApiClient(options: ApiClientOptions) {
  const baseUrl = parseApiBaseUrl(String(options.baseUrl));
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;

  function call(path: string, init: RequestInit = {}, context: ApiCallContext = {}): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetchImpl(apiUrl(baseUrl, path), {
      ...init,
      headers: apiHeaders(init.headers, context),
      signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
    });
  }

  return {
    baseUrl,
    fetch: call,
    /** Calls the API and reads its JSON answer with the contract's `schema`; anything else throws `ApiError`. */
    async json<S extends z.ZodType>(
      path: string,
      schema: S,
      init?: RequestInit,
      context?: ApiCallContext,
    ): Promise<z.output<S>> {
      const response = await call(path, init, context);
      if (!response.ok) throw new ApiError(await readProblem(response));
      const answer = await readAnswer(response, schema, `${init?.method ?? 'GET'} ${path}`);
      if (!answer.ok) throw new ApiError(answer.problem);
      return answer.data;
    },
    /** Calls the API for an answer without a body (204); a non-2xx answer throws `ApiError`. */
    async send(path: string, init?: RequestInit, context?: ApiCallContext): Promise<void> {
      const response = await call(path, init, context);
      if (!response.ok) throw new ApiError(await readProblem(response));
      await response.body?.cancel();
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
