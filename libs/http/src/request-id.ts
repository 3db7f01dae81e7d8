import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const safeRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** A client-sent id is kept only when it cannot smuggle anything into logs or headers. */
export function isSafeRequestId(value: unknown): value is string {
  return typeof value === 'string' && safeRequestId.test(value);
}

/** Propagate the caller's `x-request-id` (the gateway's, usually) or mint a new one. */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return isSafeRequestId(incoming) ? incoming : randomUUID();
}
