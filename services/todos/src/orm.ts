import { createOrmOptions } from '@todo-bus/db';
import { OutboxMessage, ProcessedEvent } from '@todo-bus/events';
import { fileURLToPath } from 'node:url';
import { Todo } from './todos/todo.entity.ts';

export const entities = [OutboxMessage, ProcessedEvent, Todo];

export const migrationsPath = fileURLToPath(new URL('./migrations', import.meta.url));

export function todosOrmOptions(databaseUrl: string) {
  return createOrmOptions({ databaseUrl, entities, migrationsPath });
}
