import { databaseEnv, natsEnv, secret, serverEnv } from '@todo-bus/config';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const configSchema = z.object({
  ...serverEnv(8081),
  ...natsEnv(),
  ...databaseEnv(),
  JWT_ISSUER: z.string().min(1).default('todo-bus-auth'),
  JWT_AUDIENCE: z.string().min(1).default('todo-bus'),
  /** Encrypts the signing keys' private halves at rest in the database. */
  KEY_ENCRYPTION_SECRET: secret(32),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  REFRESH_TOKEN_TTL_DAYS: positiveInt(30),
  /** A login unused this long ends (its family is revoked at the next refresh). */
  REFRESH_IDLE_TIMEOUT_DAYS: positiveInt(14),
  /** Two tabs refreshing at once: the parent presented again within this window gets the same successor. */
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(5).default(5),
  KEY_ROTATION_DAYS: positiveInt(7),
  /** Must exceed what verifiers cache the JWKS for (10 min), so a new key is known everywhere before it signs. */
  KEY_PREPUBLISH_MINUTES: z.coerce.number().int().min(11).default(60),
  RATE_LIMIT_PER_IP: positiveInt(20),
  RATE_LIMIT_PER_ACCOUNT: positiveInt(10),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
});

export type AuthConfig = z.output<typeof configSchema>;

/** The migrate job needs only the database. */
export const migrateConfigSchema = configSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true });
