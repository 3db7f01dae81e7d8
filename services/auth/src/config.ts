import { databaseEnv, natsEnv, secret, serverEnv } from '@todo-bus/config';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The published development secrets (docker-compose.yml's dev profile, the dev overlay) all start so. */
const devSecretPrefix = 'dev-only-';

const settings = z.object({
  ...serverEnv(8081),
  ...natsEnv(),
  ...databaseEnv(),
  JWT_ISSUER: z.string().min(1).default('todo-bus-auth'),
  JWT_AUDIENCE: z.string().min(1).default('todo-bus'),
  /** Encrypts the signing keys' private halves at rest in the database. */
  KEY_ENCRYPTION_SECRET: secret(32),
  /** Accepts a published `dev-only-` KEY_ENCRYPTION_SECRET: set in development environments only. */
  ALLOW_DEV_SECRET: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  REFRESH_TOKEN_TTL_DAYS: positiveInt(30),
  /** A login unused this long ends (its family is revoked at the next refresh). */
  REFRESH_IDLE_TIMEOUT_DAYS: positiveInt(14),
  /** Two tabs refreshing at once: the parent presented again within this window gets the same successor. */
  REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(5).default(5),
  KEY_ROTATION_DAYS: positiveInt(7),
  /** How often each replica rereads the signing keys: a `rotate-keys --compromised` takes effect within it. */
  KEY_RING_REFRESH_SECONDS: positiveInt(5),
  /** Must exceed what verifiers cache the JWKS for (10 min), so a new key is known everywhere before it signs. */
  KEY_PREPUBLISH_MINUTES: z.coerce.number().int().min(11).default(60),
  RATE_LIMIT_PER_IP: positiveInt(20),
  RATE_LIMIT_PER_ACCOUNT: positiveInt(10),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(60),
});

export const configSchema = settings.superRefine((config, context) => {
  // Anyone can read the development secret, so signing keys encrypted with it are as good as public.
  if (config.KEY_ENCRYPTION_SECRET.startsWith(devSecretPrefix) && !config.ALLOW_DEV_SECRET) {
    context.addIssue({
      code: 'custom',
      path: ['KEY_ENCRYPTION_SECRET'],
      message: `is a published development secret ("${devSecretPrefix}…"); set a secret of your own (ALLOW_DEV_SECRET=true accepts it in development)`,
    });
  }
});

export type AuthConfig = z.output<typeof configSchema>;

/** The migrate job needs only the database. */
export const migrateConfigSchema = settings.pick({ DATABASE_URL: true, LOG_LEVEL: true });
