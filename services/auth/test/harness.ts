import { createLogger } from '@todo-bus/logger';
import type { App } from '@todo-bus/http';
import { useTestDatabase, useTestNats, type TestDatabase, type TestNats } from '@todo-bus/testing';
import { buildApp, type AuthDeps } from '../src/app.ts';
import { configSchema, type AuthConfig } from '../src/config.ts';

export interface AuthUnderTest {
  app: App;
  config: AuthConfig;
  close(): Promise<void>;
}

/** The auth service built in-process on this suite's own database and NATS namespace. */
export async function startAuth(
  options: { database?: TestDatabase; deps?: Partial<AuthDeps>; env?: Record<string, string> } = {},
): Promise<AuthUnderTest> {
  const database = options.database ?? (await useTestDatabase());
  const nats: TestNats = await useTestNats();
  const config = configSchema.parse({
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    NATS_NAMESPACE: nats.namespace,
    LOG_LEVEL: 'silent',
    KEY_ENCRYPTION_SECRET: 'test-only-key-encryption-secret-0123456789',
    ...options.env,
  });
  const logger = createLogger({ name: 'auth-test', level: 'silent' });
  const app = await buildApp(config, { logger, ...options.deps });
  await app.ready();
  return {
    app,
    config,
    async close() {
      await app.close();
      await nats.cleanup();
      await database.drop();
    },
  };
}
