import { databaseEnv, natsEnv, serverEnv, tokenVerificationEnv } from '@todo-bus/config';
import { z } from 'zod';

export const configSchema = z.object({
  ...serverEnv(8082),
  ...natsEnv(),
  ...tokenVerificationEnv(),
  ...databaseEnv(),
  /** Todos one user may keep (every list together); one more answers 409 problem+json. */
  TODO_QUOTA_PER_USER: z.coerce.number().int().positive().default(10_000),
});

export type TodosConfig = z.output<typeof configSchema>;

/** The migrate job needs only the database. */
export const migrateConfigSchema = configSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true });
