import { createOrmOptions } from '@todo-bus/db';
import { OutboxMessage } from '@todo-bus/events';
import { fileURLToPath } from 'node:url';

export const entities = [OutboxMessage];

export const migrationsPath = fileURLToPath(new URL('./migrations', import.meta.url));

export function authOrmOptions(databaseUrl: string) {
  return createOrmOptions({ databaseUrl, entities, migrationsPath });
}
