import { dbPlugin } from '@todo-bus/db';
import { natsPlugin, outboxRelayPlugin, type RelayPluginOptions } from '@todo-bus/events';
import { createServer, registerOpenApi, type App } from '@todo-bus/http';
import type { FastifyBaseLogger } from 'fastify';
import type { AuthConfig } from './config.ts';
import { authOrmOptions } from './orm.ts';

export interface AuthDeps {
  logger: FastifyBaseLogger;
  /** Tests shorten the relay's lease and add a crash seam. */
  relay?: RelayPluginOptions;
}

/** The composition root: registers plugins and routes, never listens. */
export async function buildApp(config: AuthConfig, { logger, relay = {} }: AuthDeps): Promise<App> {
  const app = createServer({ logger, trustProxy: config.TRUST_PROXY });
  await registerOpenApi(app, { title: 'Auth service', version: '0.1.0' });
  await app.register(dbPlugin, { ormOptions: authOrmOptions(config.DATABASE_URL) });
  await app.register(natsPlugin, { url: config.NATS_URL, namespace: config.NATS_NAMESPACE, name: 'auth' });
  await app.register(outboxRelayPlugin, relay);
  return app;
}
