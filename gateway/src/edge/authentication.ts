import cookie from '@fastify/cookie';
import { ProblemError } from '@todo-bus/http';
import { accessTokenPlugin, bearerToken, type TokenVerifier } from '@todo-bus/token-verifier';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A cookie rides along on any request the browser makes, including ones another site triggers. So when
 * the token came from the cookie, an unsafe method must come from our own origin.
 */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  const ownOrigin = `${request.protocol}://${request.host}`;
  const fetchSite = request.headers['sec-fetch-site'];
  if (origin ? origin === ownOrigin : fetchSite === 'same-origin') return;
  throw new ProblemError(403, 'Cookie-authenticated changes must come from this site (Origin check failed).');
}

/**
 * Edge authentication: a bearer token, or the web app's HttpOnly cookie. `authenticate` verifies it
 * and sets `request.userId`; `tokenOf` tells the proxy what to forward to services, which verify it again.
 */
export async function registerAuthentication(
  app: FastifyInstance,
  options: { verifier: TokenVerifier; cookieName: string },
) {
  await app.register(cookie);
  const fromCookie = (request: FastifyRequest) => request.cookies[options.cookieName];
  await app.register(accessTokenPlugin, { verifier: options.verifier, tokenFrom: fromCookie });
  return {
    /** preHandler of every authenticated route at the edge. */
    async authenticate(request: FastifyRequest) {
      await app.authenticate(request);
      if (!bearerToken(request) && unsafeMethods.has(request.method)) assertSameOrigin(request);
    },
    tokenOf: (request: FastifyRequest) => bearerToken(request) ?? fromCookie(request),
  };
}
