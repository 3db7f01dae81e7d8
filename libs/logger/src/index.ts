/** pino loggers for every part: JSON in production, pretty on a terminal, secrets redacted. */
export { createLogger, redactedPaths } from './create-logger.ts';
export type { Logger } from 'pino';
