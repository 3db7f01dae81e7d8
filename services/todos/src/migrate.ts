import { loadConfigOrExit } from '@todo-bus/config';
import { migrateCommand } from '@todo-bus/db';
import { createLogger } from '@todo-bus/logger';
import { migrateConfigSchema } from './config.ts';
import { todosOrmOptions } from './orm.ts';

const config = loadConfigOrExit(migrateConfigSchema, process.env);
const logger = createLogger({ name: 'todos-migrate', level: config.LOG_LEVEL, pretty: process.stdout.isTTY });
await migrateCommand(todosOrmOptions(config.DATABASE_URL), logger);
