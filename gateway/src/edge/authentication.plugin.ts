import cookie from '@fastify/cookie';
import { ProblemError } from '@todo-bus/http';
import { accessTokenPlugin, bearerToken, type TokenVerifier } from '@todo-bus/token-verifier';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The onRequest hook of every authenticated route at the edge: verifies the caller's token (bearer or
     * cookie, the latter only from our own origin for changes) and counts the request against their limit.
     */
    protect: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    /** The verified caller's token, forwarded so services can verify it themselves. */
    forwardedToken: (request: FastifyRequest) => string | undefined;
  }
}

export interface EdgeAuthenticationOptions {
  verifier: TokenVerifier;
  /** The web app's HttpOnly cookie holding the access token. */
  cookieName: string;
}

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

/** Edge authentication: a bearer token, or the web app's HttpOnly cookie; services verify it again. */
async function edgeAuthentication(app: FastifyInstance, { verifier, cookieName }: EdgeAuthenticationOptions) {
  await app.register(cookie);
  const fromCookie = (request: FastifyRequest) => request.cookies[cookieName];
  await app.register(accessTokenPlugin, { verifier, tokenFrom: fromCookie });
  app.decorate('protect', async (request: FastifyRequest, reply: FastifyReply) => {
    await app.authenticate(request);
    if (!bearerToken(request) && unsafeMethods.has(request.method)) assertSameOrigin(request);
    await app.limitUser(request, reply);
  });
  app.decorate('forwardedToken', (request: FastifyRequest) => bearerToken(request) ?? fromCookie(request));
}

export const edgeAuthenticationPlugin = fp(edgeAuthentication, {
  name: 'edge-authentication',
  dependencies: ['edge-security'],
});
