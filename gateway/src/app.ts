import { natsPlugin } from '@todo-bus/events';
import { createServer, type App } from '@todo-bus/http';
import { createTokenVerifier, type TokenVerifier } from '@todo-bus/token-verifier';
import type { FastifyBaseLogger } from 'fastify';
import type { GatewayConfig } from './config.ts';
import { docsPlugin } from './docs/docs.plugin.ts';
import { eventsDocumentRoutes } from './docs/events-document.routes.ts';
import { edgeAuthenticationPlugin } from './edge/authentication.plugin.ts';
import { edgeSecurityPlugin } from './edge/security.plugin.ts';
import { eventsRoutes } from './events/events.routes.ts';
import { liveFeedPlugin } from './events/live-feed.plugin.ts';
import { upstreamRoutes } from './proxy/upstream.routes.ts';

export interface GatewayDeps {
  logger: FastifyBaseLogger;
  /** Tests verify with a local key set instead of fetching the JWKS. */
  verifier?: TokenVerifier;
}

/**
 * The composition root of the public entry point: plugins (each owning its decorator and cleanup), then
 * routes; never listens. Routes registered after the docs plugin appear in the OpenAPI document.
 */
export async function buildApp(config: GatewayConfig, { logger, verifier }: GatewayDeps): Promise<App> {
  const app = createServer({ logger, trustProxy: config.TRUST_PROXY, bodyLimit: config.BODY_LIMIT_BYTES });
  await app.register(natsPlugin, {
    url: config.NATS_URL,
    namespace: config.NATS_NAMESPACE,
    name: 'gateway',
    replicas: config.NATS_STREAM_REPLICAS,
  });
  await app.register(edgeSecurityPlugin, { config });
  await app.register(edgeAuthenticationPlugin, {
    verifier:
      verifier ??
      createTokenVerifier({
        jwksUrl: config.JWKS_URL,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
      }),
    cookieName: config.ACCESS_TOKEN_COOKIE,
  });
  await app.register(docsPlugin, { config });
  await app.register(liveFeedPlugin);

  await app.register(eventsDocumentRoutes);
  await app.register(eventsRoutes, {
    prefix: '/api/events',
    heartbeatMs: config.SSE_HEARTBEAT_SECONDS * 1000,
    maxBufferedBytes: config.SSE_MAX_BUFFERED_BYTES,
    maxStreams: { perUser: config.SSE_MAX_STREAMS_PER_USER, perIp: config.SSE_MAX_STREAMS_PER_IP },
  });
  await app.register(upstreamRoutes, { config });
  return app;
}
