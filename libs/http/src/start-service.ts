import { ConfigError, loadConfigOrExit } from '@todo-bus/config';
import { createLogger } from '@todo-bus/logger';
import { startTracing } from '@todo-bus/telemetry';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { runServer } from './run-server.ts';

/** What every part's environment has (see `serverEnv` in @todo-bus/config). */
interface ServiceSettings {
  HOST: string;
  PORT: number;
  OPERATIONS_PORT: number;
  LOG_LEVEL: string;
  OTEL_TRACES_EXPORTER: 'none' | 'otlp';
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_BSP_SCHEDULE_DELAY: number;
}

export interface StartServiceOptions<Schema extends z.ZodObject> {
  name: string;
  schema: Schema;
  env: Record<string, string | undefined>;
  build: (config: z.output<Schema>, deps: { logger: FastifyBaseLogger }) => Promise<FastifyInstance>;
}

/**
 * The body of every part's main.ts: validate the environment, log, trace, build, listen, shut down cleanly.
 * A ConfigError while building ends the process with its one-line message and exit code 1.
 */
export async function startService<Schema extends z.ZodObject>({
  name,
  schema,
  env,
  build,
}: StartServiceOptions<Schema>) {
  const config = loadConfigOrExit(schema, env);
  const settings = config as unknown as ServiceSettings;
  const logger = createLogger({ name, level: settings.LOG_LEVEL, pretty: process.stdout.isTTY });
  const tracing = startTracing({
    serviceName: name,
    exporter: settings.OTEL_TRACES_EXPORTER,
    endpoint: settings.OTEL_EXPORTER_OTLP_ENDPOINT,
    exportDelayMs: settings.OTEL_BSP_SCHEDULE_DELAY,
  });
  const app = await build(config, { logger }).catch((error: unknown) => {
    // Settings that do not match the data (e.g. a key secret that cannot read the stored keys): one line.
    if (!(error instanceof ConfigError)) throw error;
    logger.fatal(error.message);
    process.exit(1);
  });
  app.addHook('onClose', () => tracing.shutdown());
  await runServer(app, {
    host: settings.HOST,
    port: settings.PORT,
    operationsPort: settings.OPERATIONS_PORT,
  });
}
