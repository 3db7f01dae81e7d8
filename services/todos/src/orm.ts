import { createOrmOptions, type ConnectionSettings } from '@todo-bus/db';
import { OutboxMessage, ProcessedEvent } from '@todo-bus/events';
import { fileURLToPath } from 'node:url';
import { Todo } from './todos/todo.entity.ts';

export const entities = [OutboxMessage, ProcessedEvent, Todo];

export const migrationsPath = fileURLToPath(new URL('./migrations', import.meta.url));

/** Without `connection` (migrate job, tests' templates): no statement timeout, the default pool. */
export function todosOrmOptions(databaseUrl: string, connection: ConnectionSettings = {}) {
  return createOrmOptions({ databaseUrl, entities, migrationsPath, applicationName: 'todos', ...connection });
}
