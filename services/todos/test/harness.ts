import { createLogger } from '@todo-bus/logger';
import type { App } from '@todo-bus/http';
import { useTestDatabase, useTestNats, type TestDatabase, type TestNats } from '@todo-bus/testing';
import { createTokenVerifier } from '@todo-bus/token-verifier';
import { createTestTokenIssuer } from '@todo-bus/token-verifier/testing';
import { buildApp, type TodosDeps } from '../src/app.ts';
import { configSchema, type TodosConfig } from '../src/config.ts';

export type TestTokenIssuer = Awaited<ReturnType<typeof createTestTokenIssuer>>;

export interface TodosUnderTest {
  app: App;
  config: TodosConfig;
  /** Signs access tokens the service accepts (it verifies them with this issuer's keys). */
  issuer: TestTokenIssuer;
  close(): Promise<void>;
}

/** The todos service built in-process on this suite's own database and NATS namespace. */
export async function startTodos(
  options: { database?: TestDatabase; deps?: Partial<TodosDeps>; env?: Record<string, string> } = {},
): Promise<TodosUnderTest> {
  const database = options.database ?? (await useTestDatabase());
  const nats: TestNats = await useTestNats();
  const config = configSchema.parse({
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    NATS_NAMESPACE: nats.namespace,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const issuer = await createTestTokenIssuer({ issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  const verifier = createTokenVerifier({
    jwksUrl: config.JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    keys: issuer.keys,
  });
  const logger = createLogger({ name: 'todos-test', level: 'silent' });
  const app = await buildApp(config, { logger, verifier, ...options.deps });
  await app.ready();
  return {
    app,
    config,
    issuer,
    async close() {
      await app.close();
      await nats.cleanup();
      await database.drop();
    },
  };
}
