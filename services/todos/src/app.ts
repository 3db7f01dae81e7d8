import { dbPlugin } from '@todo-bus/db';
import { natsPlugin, outboxRelayPlugin, type RelayPluginOptions } from '@todo-bus/events';
import { createServer, registerOpenApi, type App } from '@todo-bus/http';
import type { FastifyBaseLogger } from 'fastify';
import type { TodosConfig } from './config.ts';
import { todosOrmOptions } from './orm.ts';

export interface TodosDeps {
  logger: FastifyBaseLogger;
  /** Tests shorten the relay's lease and add a crash seam. */
  relay?: RelayPluginOptions;
}

/** The composition root: registers plugins and routes, never listens. */
export async function buildApp(config: TodosConfig, { logger, relay = {} }: TodosDeps): Promise<App> {
  const app = createServer({ logger, trustProxy: config.TRUST_PROXY });
  await registerOpenApi(app, { title: 'Todos service', version: '0.1.0' });
  await app.register(dbPlugin, { ormOptions: todosOrmOptions(config.DATABASE_URL) });
  await app.register(natsPlugin, { url: config.NATS_URL, namespace: config.NATS_NAMESPACE, name: 'todos' });
  await app.register(outboxRelayPlugin, relay);
  return app;
}
