import { z } from 'zod';
import { logLevel, port, urlString } from './fields.ts';

/** Settings every HTTP part has. Spread into a part's schema: `z.object({ ...serverEnv(8082), ... })`. */
export const serverEnv = (defaultPort: number) => ({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(defaultPort),
  /** The operations port (/metrics, detailed /readyz): never routed by the gateway or the Ingress. */
  OPERATIONS_PORT: port(defaultPort + 1100),
  LOG_LEVEL: logLevel(),
  /** Which proxies' X-Forwarded-* headers to believe: "true", "false", or a comma list of addresses. */
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .transform((value) => (value === 'true' ? true : value === 'false' ? false : value)),
  /** OpenTelemetry's own variable names. Tracing is off (and free) unless this says `otlp`. */
  OTEL_TRACES_EXPORTER: z.enum(['none', 'otlp']).default('none'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ message: 'must be a URL' }).optional(),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().positive().default(1_000),
});

/** Settings of every part that talks to NATS. */
export const natsEnv = () => ({
  NATS_URL: urlString('nats://127.0.0.1:4222'),
  NATS_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9]*$/, { message: 'must be letters and digits only' })
    .default(''),
  /** JetStream replicas of the event streams: 1 on one machine, 3 on a NATS cluster. */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
});

/** Settings of every part that verifies access tokens. */
export const tokenVerificationEnv = () => ({
  JWKS_URL: urlString('http://127.0.0.1:8081/.well-known/jwks.json'),
  JWT_ISSUER: z.string().min(1).default('todo-bus-auth'),
  JWT_AUDIENCE: z.string().min(1).default('todo-bus'),
});

/**
 * Settings of every part that owns a database. The pool size is per process: replicas × DB_POOL_MAX must
 * fit the cluster (deploy/README.md, "Database connections").
 */
export const databaseEnv = () => ({
  DATABASE_URL: urlString(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** A statement running longer is cancelled by the server (57014); 0 turns the limit off. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  /** A session idle inside an open transaction this long is ended, releasing what it holds; 0 = off. */
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Connections are replaced after this long, so they rebalance after a rolling restart of the cluster. */
  DB_MAX_CONNECTION_LIFETIME_SECONDS: z.coerce.number().int().min(10).default(1_800),
});

type DatabaseEnv = z.output<z.ZodObject<ReturnType<typeof databaseEnv>>>;

/** The connection settings `createOrmOptions` takes, from a part's parsed config. */
export function databaseConnection(config: DatabaseEnv, applicationName: string) {
  return {
    applicationName,
    poolMax: config.DB_POOL_MAX,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    maxConnectionLifetimeSeconds: config.DB_MAX_CONNECTION_LIFETIME_SECONDS,
  };
}
