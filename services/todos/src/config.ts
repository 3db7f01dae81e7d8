import { databaseEnv, natsEnv, serverEnv, tokenVerificationEnv } from '@todo-bus/config';
import { z } from 'zod';

export const configSchema = z.object({
  ...serverEnv(8082),
  ...natsEnv(),
  ...tokenVerificationEnv(),
  ...databaseEnv(),
});

export type TodosConfig = z.output<typeof configSchema>;

/** The migrate job needs only the database. */
export const migrateConfigSchema = configSchema.pick({ DATABASE_URL: true, LOG_LEVEL: true });
