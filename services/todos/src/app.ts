import { databaseConnection } from '@todo-bus/config';
import { dbPlugin } from '@todo-bus/db';
import { natsPlugin, outboxRelayPlugin, type RelayPluginOptions } from '@todo-bus/events';
import { createServer, registerOpenApi, type App } from '@todo-bus/http';
import { accessTokenPlugin, createTokenVerifier, type TokenVerifier } from '@todo-bus/token-verifier';
import type { FastifyBaseLogger } from 'fastify';
import type { TodosConfig } from './config.ts';
import { todosOrmOptions } from './orm.ts';
import { createTodoRepository } from './todos/todo.repository.ts';
import { todoRoutes } from './todos/todo.routes.ts';
import { createTodoService } from './todos/todo.service.ts';
import { createTodoTransaction } from './todos/todo.transaction.ts';
import { userDeletedConsumerPlugin } from './users/user-deleted.consumer.ts';

export interface TodosDeps {
  logger: FastifyBaseLogger;
  /** Tests shorten the relay's lease and add a crash seam. */
  relay?: RelayPluginOptions;
  /** Tests verify tokens from a local issuer; by default keys come from JWKS_URL. */
  verifier?: TokenVerifier;
  clock?: () => Date;
}

/** The composition root: registers plugins and routes, never listens. */
export async function buildApp(config: TodosConfig, deps: TodosDeps): Promise<App> {
  const { logger, relay = {}, clock = () => new Date() } = deps;
  const verifier =
    deps.verifier ??
    createTokenVerifier({
      jwksUrl: config.JWKS_URL,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    });

  const app = createServer({ logger, trustProxy: config.TRUST_PROXY });
  await registerOpenApi(app, { title: 'Todos service', version: '0.1.0' });
  await app.register(dbPlugin, {
    ormOptions: todosOrmOptions(config.DATABASE_URL, databaseConnection(config, 'todos')),
  });
  await app.register(natsPlugin, {
    url: config.NATS_URL,
    namespace: config.NATS_NAMESPACE,
    name: 'todos',
    replicas: config.NATS_STREAM_REPLICAS,
  });
  await app.register(outboxRelayPlugin, relay);
  await app.register(accessTokenPlugin, { verifier });
  await app.register(userDeletedConsumerPlugin, { clock });

  await app.register(todoRoutes, {
    prefix: '/api/todos',
    serviceFor: (request) =>
      createTodoService({
        repository: createTodoRepository(request.em),
        transaction: createTodoTransaction({
          em: request.em,
          names: app.bus.names,
          afterCommit: () => app.outboxRelay.poke(),
        }),
        clock,
      }),
  });
  return app;
}
