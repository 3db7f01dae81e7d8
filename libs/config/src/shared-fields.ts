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
