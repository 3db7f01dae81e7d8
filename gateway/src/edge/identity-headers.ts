import type { IncomingHttpHeaders } from 'node:http';

/**
 * Headers through which a caller could claim to be someone. Nothing downstream should read them, but the
 * edge removes them anyway: identity comes only from a verified token.
 */
const identityHeader = /^(x-user|x-auth|x-forwarded-user|x-remote-user|remote-user|x-jwt|x-consumer)/i;

export function withoutIdentityHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !identityHeader.test(name)));
}
