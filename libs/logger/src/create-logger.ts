import { trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Everything that could carry a credential. Paths cover our own log objects (`{ password }`,
 * `{ body: { refreshToken } }`) and Fastify's serialized request/response headers.
 */
export const redactedPaths = [
  'password',
  'accessToken',
  'refreshToken',
  'token',
  '*.password',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

export interface LoggerOptions {
  name: string;
  level?: string;
  /** Human-readable output; main.ts turns it on when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go (tests capture them); defaults to stdout. */
  destination?: DestinationStream;
}

export function createLogger({ name, level = 'info', pretty = false, destination }: LoggerOptions): Logger {
  const options = {
    name,
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    // Ties a line to its trace when tracing is on; with it off there is no active span and nothing is added.
    mixin: () => {
      const span = trace.getActiveSpan();
      return span ? { traceId: span.spanContext().traceId } : {};
    },
    ...(pretty && !destination
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
