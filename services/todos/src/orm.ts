import { createOrmOptions } from '@todo-bus/db';
import { OutboxMessage, ProcessedEvent } from '@todo-bus/events';
import { fileURLToPath } from 'node:url';

export const entities = [OutboxMessage, ProcessedEvent];

export const migrationsPath = fileURLToPath(new URL('./migrations', import.meta.url));

export function todosOrmOptions(databaseUrl: string) {
  return createOrmOptions({ databaseUrl, entities, migrationsPath });
}
