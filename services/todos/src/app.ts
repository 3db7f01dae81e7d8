import { databaseConnection } from '@todo-bus/config';
import { dbPlugin, type RetryOptions } from '@todo-bus/db';
import {
  createUnitOfWork,
  natsPlugin,
  outboxRelayPlugin,
  processedEvents,
  type RelayPluginOptions,
} from '@todo-bus/events';
import { createServer, registerOpenApi, type App } from '@todo-bus/http';
import { accessTokenPlugin, createTokenVerifier, type TokenVerifier } from '@todo-bus/token-verifier';
import type { FastifyBaseLogger } from 'fastify';
import type { TodosConfig } from './config.ts';
import { todosOrmOptions } from './orm.ts';
import { createTodoRepository } from './todos/todo.repository.ts';
import { todoRoutes } from './todos/todo.routes.ts';
import { createTodoService } from './todos/todo.service.ts';
import { userDeletedConsumerPlugin } from './users/user-deleted.consumer.ts';

export interface TodosDeps {
  logger: FastifyBaseLogger;
  /** Tests shorten the relay's lease and add a crash seam. */
  relay?: RelayPluginOptions;
  /** Tests verify tokens from a local issuer; by default keys come from JWKS_URL. */
  verifier?: TokenVerifier;
  clock?: () => Date;
}

/**
 * Writers of one user's list collide by design: every create reads the list's last position, so a burst of
 * creates (several tabs, an offline queue flushing, two replicas) commits one at a time and the rest retry.
 * Give them room for a burst of a few dozen on a busy machine (40 concurrent creates with a core kept busy
 * exhausted 10 tries of at most 200 ms) before a request fails with 503.
 */
const todoRetries: RetryOptions = { attempts: 20, baseDelayMs: 5, maxDelayMs: 500 };

/** The composition root: registers plugins, builds the service once, registers routes; never listens. */
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

  const transaction = createUnitOfWork({
    em: app.orm.em,
    names: app.bus.names,
    scope: (em) => ({ todos: createTodoRepository(em), processedEvents: processedEvents(em) }),
    afterCommit: () => app.outboxRelay.poke(),
    retry: todoRetries,
  });
  await app.register(userDeletedConsumerPlugin, { transaction, clock });
  // Reads go through the request's own EntityManager (the db plugin's request context).
  const todos = createTodoService({
    repository: createTodoRepository(app.orm.em),
    transaction,
    clock,
    quotaPerUser: config.TODO_QUOTA_PER_USER,
  });
  await app.register(todoRoutes, { prefix: '/api/todos', todos });
  return app;
}
