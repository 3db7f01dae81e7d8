import { createOrmOptions, type ConnectionSettings } from '@todo-bus/db';
import { OutboxMessage } from '@todo-bus/events';
import { fileURLToPath } from 'node:url';
import { SigningKey } from './keys/signing-key.entity.ts';
import { RefreshTokenFamily } from './sessions/refresh-token-family.entity.ts';
import { RefreshToken } from './sessions/refresh-token.entity.ts';
import { User } from './users/user.entity.ts';

export const entities = [User, RefreshTokenFamily, RefreshToken, SigningKey, OutboxMessage];

export const migrationsPath = fileURLToPath(new URL('./migrations', import.meta.url));

/** Without `connection` (migrate job, tests' templates): no statement timeout, the default pool. */
export function authOrmOptions(databaseUrl: string, connection: ConnectionSettings = {}) {
  return createOrmOptions({ databaseUrl, entities, migrationsPath, applicationName: 'auth', ...connection });
}
