import { startService } from '@todo-bus/http';
import { buildApp } from './app.ts';
import { configSchema } from './config.ts';

await startService({ name: 'gateway', schema: configSchema, env: process.env, build: buildApp });
