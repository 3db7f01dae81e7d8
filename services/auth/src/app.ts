import { databaseConnection } from '@todo-bus/config';
import { dbPlugin } from '@todo-bus/db';
import { natsPlugin, outboxRelayPlugin, type RelayPluginOptions } from '@todo-bus/events';
import { createServer, registerOpenApi, type App } from '@todo-bus/http';
import { accessTokenPlugin, createTokenVerifier } from '@todo-bus/token-verifier';
import type { FastifyBaseLogger } from 'fastify';
import { createLocalJWKSet } from 'jose';
import { accountRoutes } from './accounts/account.routes.ts';
import { createAccountService } from './accounts/account.service.ts';
import { authTransaction } from './accounts/auth-transaction.ts';
import { registerAccountRateLimits } from './accounts/rate-limits.ts';
import type { AuthConfig } from './config.ts';
import { createAccessTokenIssuer } from './keys/access-token-issuer.ts';
import type { KeyRing } from './keys/key-ring.ts';
import { createKeyRing } from './keys/create-key-ring.ts';
import { keyRingPlugin } from './keys/key-ring.plugin.ts';
import { authOrmOptions } from './orm.ts';
import { createPasswordHasher } from './passwords/password-hasher.ts';

export interface AuthDeps {
  logger: FastifyBaseLogger;
  /** Tests shorten the relay's lease and add a crash seam. */
  relay?: RelayPluginOptions;
  now?: () => Date;
}

const minute = 60_000;
const day = 24 * 60 * minute;

/** The composition root: registers plugins and routes, never listens. */
export async function buildApp(config: AuthConfig, { logger, relay = {}, now }: AuthDeps): Promise<App> {
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

  const keyRing = createKeyRing(app.orm.em, config, now);
  await app.register(keyRingPlugin, { keyRing });
  app.decorate('keyRing', keyRing);
  // Auth verifies its own tokens from its own key ring: same rules as every other verifier, no HTTP hop.
  const verifier = createTokenVerifier({
    jwksUrl: 'http://localhost/.well-known/jwks.json',
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    keys: (header, token) => createLocalJWKSet(keyRing.jwks())(header, token),
  });
  await app.register(accessTokenPlugin, { verifier });

  const accounts = createAccountService({
    transaction: authTransaction(app.orm.em, app.bus.names, () => app.outboxRelay.poke()),
    passwords: await createPasswordHasher(),
    accessTokens: createAccessTokenIssuer(keyRing, {
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    }),
    refreshTokenTtlMs: config.REFRESH_TOKEN_TTL_DAYS * day,
    reuseGraceMs: config.REFRESH_REUSE_GRACE_SECONDS * 1000,
    ...(now ? { now } : {}),
  });
  const limits = await registerAccountRateLimits(app, {
    perIp: config.RATE_LIMIT_PER_IP,
    perAccount: config.RATE_LIMIT_PER_ACCOUNT,
    windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
  });
  await app.register(accountRoutes, { accounts, limits });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Exposed for operations (emergency rotation) and tests. */
    keyRing: KeyRing;
  }
}
