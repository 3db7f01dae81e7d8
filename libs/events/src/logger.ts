import type { BaseLogger } from 'pino';

/** What the event machinery logs with: satisfied by a pino logger and by Fastify's `app.log`. */
export type EventLogger = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;
