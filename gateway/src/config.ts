import { natsEnv, serverEnv, tokenVerificationEnv, urlString } from '@todo-bus/config';
import { z } from 'zod';

export const configSchema = z.object({
  ...serverEnv(8080),
  ...natsEnv(),
  ...tokenVerificationEnv(),
  AUTH_URL: urlString('http://127.0.0.1:8081'),
  TODOS_URL: urlString('http://127.0.0.1:8082'),
  WEB_URL: urlString('http://127.0.0.1:3000'),
  /** Upstream answer deadline: a slower upstream gets a 504 problem. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type GatewayConfig = z.output<typeof configSchema>;
