import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { ProblemError } from '@todo-bus/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../config.ts';

/** Security headers, CORS allow-list and per-IP limits for everything; per-user limits after authentication. */
export async function registerEdgeSecurity(app: FastifyInstance, config: GatewayConfig) {
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
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_IP,
    timeWindow,
    keyGenerator: (request) => `ip:${request.ip}`,
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
  });
  const perUser = app.createRateLimit({
    max: config.RATE_LIMIT_PER_USER,
    timeWindow,
    keyGenerator: (request) => `user:${request.userId}`,
  });
  return {
    async limitUser(request: FastifyRequest, reply: { header(name: string, value: number): unknown }) {
      const verdict = await perUser(request);
      if (verdict.isAllowed || !verdict.isExceeded) return;
      reply.header('retry-after', verdict.ttlInSeconds);
      throw new ProblemError(429, `Too many requests. Try again in ${verdict.ttlInSeconds} seconds.`);
    },
  };
}
