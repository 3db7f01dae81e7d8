import { natsEnv, secret, serverEnv, urlString } from '@todo-bus/config';
import { z } from 'zod';

export const configSchema = z.object({
  ...serverEnv(8081),
  ...natsEnv(),
  DATABASE_URL: urlString(),
  JWT_ISSUER: z.string().min(1).default('todo-bus-auth'),
  JWT_AUDIENCE: z.string().min(1).default('todo-bus'),
  /** Encrypts the signing keys' private halves at rest in the database. */
  KEY_ENCRYPTION_SECRET: secret(32),
});

export type AuthConfig = z.output<typeof configSchema>;

/** The migrate job needs only the database. */
export const migrateConfigSchema = configSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true });
