import { loadConfigOrExit } from '@todo-bus/config';
import { runServer } from '@todo-bus/http';
import { createLogger } from '@todo-bus/logger';
import { buildApp } from './app.ts';
import { configSchema } from './config.ts';

const config = loadConfigOrExit(configSchema, process.env);
const logger = createLogger({ name: 'auth', level: config.LOG_LEVEL, pretty: process.stdout.isTTY });
const app = await buildApp(config, { logger });
await runServer(app, { host: config.HOST, port: config.PORT });
