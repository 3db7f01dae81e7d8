// Same rule as libs/http `isSafeRequestId`: a client-sent id is kept only when it cannot smuggle anything
// into logs or headers.
const safeRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's `x-request-id` (set by the gateway), or null when absent or unsafe. */
export function readRequestId(headers: Headers): string | null {
  const value = headers.get('x-request-id');
  return value !== null && safeRequestId.test(value) ? value : null;
}

/**
 * The response with `name` set, unless it already has one. Responses whose headers are immutable (e.g. one
 * returned straight from `fetch`) are copied rather than mutated.
 */
export function withHeader(response: Response, name: string, value: string): Response {
  if (response.headers.has(name)) return response;
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
