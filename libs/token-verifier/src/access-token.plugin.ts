import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { InvalidTokenError, UnauthenticatedError } from './errors.ts';
import type { TokenVerifier } from './verifier.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler for routes that need a caller: verifies the access token and sets `request.userId`. */
    authenticate: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    /** The verified caller (the token's `sub`); set only by `authenticate`, never from a header. */
    userId: string;
    /** When the verified access token expires. */
    tokenExpiresAt: Date;
  }
}

export interface AccessTokenPluginOptions {
  verifier: TokenVerifier;
  /** Where else a token may come from (the gateway reads the web app's HttpOnly cookie). */
  tokenFrom?: (request: FastifyRequest) => string | undefined;
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i);
  return match?.[1];
}

async function accessTokens(app: FastifyInstance, { verifier, tokenFrom }: AccessTokenPluginOptions) {
  app.decorateRequest('userId', '');
  app.decorateRequest('tokenExpiresAt', null as unknown as Date);
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const token = bearerToken(request) ?? tokenFrom?.(request);
    if (!token) throw new UnauthenticatedError('An access token is required.');
    try {
      const verified = await verifier.verify(token);
      request.userId = verified.userId;
      request.tokenExpiresAt = verified.expiresAt;
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw new UnauthenticatedError(`The access token was refused: ${error.message}.`, { cause: error });
      throw error;
    }
  });
}

export const accessTokenPlugin = fp(accessTokens, { name: 'access-tokens' });
