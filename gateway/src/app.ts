import { natsPlugin } from '@todo-bus/events';
import { createServer, type App } from '@todo-bus/http';
import { createTokenVerifier, type TokenVerifier } from '@todo-bus/token-verifier';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayConfig } from './config.ts';
import { registerDocs } from './docs/docs.plugin.ts';
import { eventsDocumentRoutes } from './docs/events-document.routes.ts';
import { registerAuthentication } from './edge/authentication.ts';
import { registerEdgeSecurity } from './edge/security.ts';
import { eventsRoutes } from './events/events.routes.ts';
import { LiveFeed } from './events/live-feed.ts';
import { sseMetrics } from './events/sse-metrics.ts';
import type { SseStream } from './events/sse-stream.ts';
import { registerUpstreams, upstreamReadinessChecks } from './proxy/upstreams.ts';

export interface GatewayDeps {
  logger: FastifyBaseLogger;
  /** Tests verify with a local key set instead of fetching the JWKS. */
  verifier?: TokenVerifier;
}

/** The composition root of the public entry point: registers plugins and routes, never listens. */
export async function buildApp(config: GatewayConfig, { logger, verifier }: GatewayDeps): Promise<App> {
  const app = createServer({ logger, trustProxy: config.TRUST_PROXY, bodyLimit: config.BODY_LIMIT_BYTES });
  await app.register(natsPlugin, {
    url: config.NATS_URL,
    namespace: config.NATS_NAMESPACE,
    name: 'gateway',
    replicas: config.NATS_STREAM_REPLICAS,
  });
  for (const [name, check] of Object.entries(upstreamReadinessChecks(config)))
    app.readinessChecks.set(name, check);

  const security = await registerEdgeSecurity(app, config);
  const auth = await registerAuthentication(app, {
    verifier:
      verifier ??
      createTokenVerifier({
        jwksUrl: config.JWKS_URL,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
      }),
    cookieName: config.ACCESS_TOKEN_COOKIE,
  });
  const protect = async (request: FastifyRequest, reply: FastifyReply) => {
    await auth.authenticate(request);
    await security.limitUser(request, reply);
  };
  await registerDocs(app, config);
  await app.register(eventsDocumentRoutes);

  const feed = new LiveFeed(app.bus.js, app.bus.names, app.log.child({ component: 'live-feed' }));
  const streams = new Set<SseStream>();
  app.addHook('onReady', () => feed.start());
  // Closing: tell every browser to come back (they resume with Last-Event-ID), then stop the feed.
  app.addHook('preClose', async () => {
    for (const stream of streams) stream.end('server-restarting');
  });
  app.addHook('onClose', () => feed.stop());
  await app.register(eventsRoutes, {
    feed,
    js: app.bus.js,
    jsm: app.bus.jsm,
    names: app.bus.names,
    authenticate: protect,
    heartbeatMs: config.SSE_HEARTBEAT_SECONDS * 1000,
    maxBufferedBytes: config.SSE_MAX_BUFFERED_BYTES,
    streams,
    metrics: sseMetrics(app.metrics, feed),
  });
  app.decorate('liveFeed', feed);

  await registerUpstreams(app, config, { protect, tokenOf: auth.tokenOf });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Open SSE streams and the shared consumer behind them (metrics, tests). */
    liveFeed: LiveFeed;
  }
}
