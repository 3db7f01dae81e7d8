// Reads the API's successful answers with the contract's schemas instead of trusting a cast. A 2xx body the
// contract does not allow means the web app and the API are out of step (a deployment mismatch): it becomes
// a 502 problem naming the call and what did not match, and callers handle it like any failed call.
import type { Problem } from '@todo-bus/contract';
import { z } from 'zod';

export type Answer<T> = { ok: true; data: T } | { ok: false; problem: Problem };

/** The problem of an answer the contract does not allow; `call` is e.g. `GET /api/todos`. */
export function unexpectedAnswer(call: string, reason: string): Problem {
  return {
    type: 'about:blank',
    title: 'Bad Gateway',
    status: 502,
    detail: `${call} answered with a body the API contract does not allow: ${reason}`,
  };
}

/** The body of a 2xx answer, parsed with `schema` (204: no body, which the schema must allow). */
export async function readAnswer<S extends z.ZodType>(
  response: Response,
  schema: S,
  call: string,
): Promise<Answer<z.output<S>>> {
  let body: unknown;
  if (response.status !== 204) {
    try {
      body = await response.json();
    } catch {
      return { ok: false, problem: unexpectedAnswer(call, 'it is not JSON') };
    }
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, problem: unexpectedAnswer(call, z.prettifyError(parsed.error)) };
}
