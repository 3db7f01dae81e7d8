import { createLogger } from '@todo-bus/logger';
import type { App } from '@todo-bus/http';
import { createTokenVerifier } from '@todo-bus/token-verifier';
import { createTestTokenIssuer } from '@todo-bus/token-verifier/testing';
import { useTestNats, type TestNats } from '@todo-bus/testing';
import { buildApp } from '../src/app.ts';
import { configSchema, type GatewayConfig } from '../src/config.ts';
import { startStubUpstream, type StubUpstream } from './stub-upstream.ts';

export interface GatewayUnderTest {
  app: App;
  config: GatewayConfig;
  nats: TestNats;
  issuer: Awaited<ReturnType<typeof createTestTokenIssuer>>;
  upstreams: { auth: StubUpstream; todos: StubUpstream; web: StubUpstream };
  close(): Promise<void>;
}

/** The gateway on this suite's NATS namespace, in front of stub upstreams, trusting a test token issuer. */
export async function startGateway(
  env: Record<string, string> = {},
  stubs: { todosReady?: () => boolean } = {},
): Promise<GatewayUnderTest> {
  const nats = await useTestNats();
  const issuer = await createTestTokenIssuer();
  const upstreams = {
    auth: await startStubUpstream('auth', {
      openapi: { openapi: '3.1.0', paths: { '/api/auth/login': { post: {} } } },
    }),
    todos: await startStubUpstream('todos', {
      ...(stubs.todosReady ? { ready: stubs.todosReady } : {}),
      openapi: { openapi: '3.1.0', paths: { '/api/todos': { get: {}, post: {} } } },
    }),
    web: await startStubUpstream('web'),
  };
  const config = configSchema.parse({
    NATS_URL: nats.url,
    NATS_NAMESPACE: nats.namespace,
    AUTH_URL: upstreams.auth.url,
    TODOS_URL: upstreams.todos.url,
    WEB_URL: upstreams.web.url,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const verifier = createTokenVerifier({
    jwksUrl: 'http://unused.invalid/jwks',
    issuer: issuer.issuer,
    audience: issuer.audience,
    keys: issuer.keys,
  });
  const app = await buildApp(config, {
    logger: createLogger({ name: 'gateway-test', level: 'silent' }),
    verifier,
  });
  await app.ready();
  return {
    app,
    config,
    nats,
    issuer,
    upstreams,
    async close() {
      await app.close();
      await Promise.all(Object.values(upstreams).map((stub) => stub.close()));
      await nats.cleanup();
    },
  };
}
