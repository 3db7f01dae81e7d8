import { databaseConnection } from '@todo-bus/config';
import { dbPlugin } from '@todo-bus/db';
import { createUnitOfWork, natsPlugin, outboxRelayPlugin, type RelayPluginOptions } from '@todo-bus/events';
import { createServer, registerOpenApi, type App } from '@todo-bus/http';
import { accessTokenPlugin, createTokenVerifier, liveKeySet } from '@todo-bus/token-verifier';
import type { FastifyBaseLogger } from 'fastify';
import { accountRepositories } from './accounts/account.repositories.ts';
import { accountRoutes } from './accounts/account.routes.ts';
import { createAccountService } from './accounts/account.service.ts';
import { registerAccountRateLimits } from './accounts/rate-limits.ts';
import type { AuthConfig } from './config.ts';
import { createAccessTokenIssuer } from './keys/access-token-issuer.ts';
import { createKeyRing } from './keys/create-key-ring.ts';
import { keyRingPlugin } from './keys/key-ring.plugin.ts';
import { signingKeyRepository } from './keys/signing-key.repository.ts';
import { authOrmOptions } from './orm.ts';
import { createPasswordHasher } from './passwords/password-hasher.ts';
import { createSuccessorDerivation } from './sessions/refresh-token-value.ts';

export interface AuthDeps {
  logger: FastifyBaseLogger;
  /** Tests shorten the relay's lease and add a crash seam. */
  relay?: RelayPluginOptions;
  clock?: () => Date;
}

const minute = 60_000;
const day = 24 * 60 * minute;

/** The composition root: registers plugins, builds the service once, registers routes; never listens. */
export async function buildApp(config: AuthConfig, deps: AuthDeps): Promise<App> {
  const { logger, relay = {}, clock = () => new Date() } = deps;
  const app = createServer({ logger, trustProxy: config.TRUST_PROXY });
  await registerOpenApi(app, {
    title: 'Auth service',
    version: '0.1.0',
    description: 'Accounts and sessions',
  });
  await app.register(dbPlugin, {
    ormOptions: authOrmOptions(config.DATABASE_URL, databaseConnection(config, 'auth')),
  });
  await app.register(natsPlugin, {
    url: config.NATS_URL,
    namespace: config.NATS_NAMESPACE,
    name: 'auth',
    replicas: config.NATS_STREAM_REPLICAS,
  });
  await app.register(outboxRelayPlugin, relay);

  const transaction = createUnitOfWork({
    em: app.orm.em,
    names: app.bus.names,
    scope: (em) => ({ ...accountRepositories(em), keys: signingKeyRepository(em) }),
    afterCommit: () => app.outboxRelay.poke(),
  });
  const keyRing = createKeyRing(transaction, config, clock);
  await app.register(keyRingPlugin, { keyRing, refreshEveryMs: config.KEY_RING_REFRESH_SECONDS * 1000 });
  // Auth verifies its own tokens from its own key ring: same rules as every other verifier, no HTTP hop.
  const verifier = createTokenVerifier({
    jwksUrl: 'http://localhost/.well-known/jwks.json',
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    keys: liveKeySet(() => keyRing.jwks()),
  });
  await app.register(accessTokenPlugin, { verifier });

  const accounts = createAccountService({
    transaction,
    passwords: await createPasswordHasher(),
    accessTokens: createAccessTokenIssuer(keyRing, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    }),
    clock,
    refreshTokenTtlMs: config.REFRESH_TOKEN_TTL_DAYS * day,
    idleTimeoutMs: config.REFRESH_IDLE_TIMEOUT_DAYS * day,
    reuseGraceMs: config.REFRESH_REUSE_GRACE_SECONDS * 1000,
    successorOf: createSuccessorDerivation(config.KEY_ENCRYPTION_SECRET),
  });
  const limits = await registerAccountRateLimits(app, {
    perIp: config.RATE_LIMIT_PER_IP,
    perAccount: config.RATE_LIMIT_PER_ACCOUNT,
    windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
  });
  await app.register(accountRoutes, { prefix: '/api/auth', accounts, limits });
  return app;
}
