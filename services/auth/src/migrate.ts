import { loadConfigOrExit } from '@todo-bus/config';
import { migrateCommand } from '@todo-bus/db';
import { createLogger } from '@todo-bus/logger';
import { migrateConfigSchema } from './config.ts';
import { authOrmOptions } from './orm.ts';

const config = loadConfigOrExit(migrateConfigSchema, process.env);
const logger = createLogger({ name: 'auth-migrate', level: config.LOG_LEVEL, pretty: process.stdout.isTTY });
await migrateCommand(authOrmOptions(config.DATABASE_URL), logger);
