import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { ProblemError } from '@todo-bus/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { GatewayConfig } from '../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts an authenticated request against its user's limit; throws 429 (with Retry-After) past it. */
    limitUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export interface EdgeSecurityOptions {
  config: GatewayConfig;
}

/** Security headers, CORS allow-list and per-IP limits for everything; per-user limits after authentication. */
async function edgeSecurity(app: FastifyInstance, { config }: EdgeSecurityOptions) {
  // The web app and Swagger UI set their own Content-Security-Policy; the rest of helmet applies to all.
  // Not `no-referrer` (helmet's default): with it, browsers send `Origin: null` on form posts, and the web
  // app's same-origin check then refuses every sign-in made without JavaScript.
  await app.register(helmet, {
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  await app.register(cors, {
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    credentials: true,
    exposedHeaders: ['location', 'link', 'x-request-id', 'retry-after'],
  });
  const timeWindow = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  await app.register(rateLimit, { global: false });
  // An app-wide hook, not the plugin's per-route one: it runs before the onRequest authentication hooks
  // of protected routes, so a flood is counted (and stopped) before any token is verified.
  app.addHook(
    'onRequest',
    app.rateLimit({
      max: config.RATE_LIMIT_PER_IP,
      timeWindow,
      keyGenerator: (request) => `ip:${request.ip}`,
      // Probes use the operations port; the public /readyz asks every upstream, so it is counted too.
      allowList: (request) => request.url === '/healthz',
    }),
  );
  const perUser = app.createRateLimit({
    max: config.RATE_LIMIT_PER_USER,
    timeWindow,
    keyGenerator: (request) => `user:${request.userId}`,
  });
  app.decorate('limitUser', async (request: FastifyRequest, reply: FastifyReply) => {
    const verdict = await perUser(request);
    if (verdict.isAllowed || !verdict.isExceeded) return;
    reply.header('retry-after', verdict.ttlInSeconds);
    throw new ProblemError(429, `Too many requests. Try again in ${verdict.ttlInSeconds} seconds.`);
  });
}

export const edgeSecurityPlugin = fp(edgeSecurity, { name: 'edge-security' });
