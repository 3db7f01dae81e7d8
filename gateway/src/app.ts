import { natsPlugin } from '@todo-bus/events';
import { createServer, type App } from '@todo-bus/http';
import type { FastifyBaseLogger } from 'fastify';
import type { GatewayConfig } from './config.ts';
import { registerUpstreams, upstreamReadinessChecks } from './proxy/upstreams.ts';

export interface GatewayDeps {
  logger: FastifyBaseLogger;
}

/** The composition root of the public entry point: registers plugins and routes, never listens. */
export async function buildApp(config: GatewayConfig, { logger }: GatewayDeps): Promise<App> {
  const app = createServer({ logger, trustProxy: config.TRUST_PROXY });
  await app.register(natsPlugin, { url: config.NATS_URL, namespace: config.NATS_NAMESPACE, name: 'gateway' });
  for (const [name, check] of Object.entries(upstreamReadinessChecks(config))) {
    app.readinessChecks.set(name, check);
  }
  await registerUpstreams(app, config);
  return app;
}
