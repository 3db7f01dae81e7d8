import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** Total tries, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each retry (metrics, logs, tests). */
  onRetry?: (error: unknown, attempt: number) => void;
}

const serializationFailure: ReadonlySet<unknown> = new Set(['40001']);

/** The error and its causes (MikroORM wraps the driver's error, which may wrap the socket's). */
function* causeChain(error: unknown): Generator<{ code?: unknown; sqlState?: unknown; message?: unknown }> {
  for (
    let current = error;
    current && typeof current === 'object';
    current = (current as { cause?: unknown }).cause
  ) {
    yield current;
  }
}

function hasCode(error: unknown, codes: ReadonlySet<unknown>): boolean {
  for (const { code, sqlState } of causeChain(error)) if (codes.has(code) || codes.has(sqlState)) return true;
  return false;
}

/**
 * SQLSTATE 40001: the database aborted the transaction to keep it serializable (CockroachDB's
 * "restart transaction", PostgreSQL's "could not serialize access"). Running it again is the fix.
 */
export function isSerializationFailure(error: unknown): boolean {
  return hasCode(error, serializationFailure);
}

/**
 * The database may or may not have committed, or went away mid-transaction: CockroachDB's 40003 ("result is
 * ambiguous"), a node shutting down or draining (57P01 admin_shutdown, 57P02, 57P03), a broken connection
 * (class 08), or node-pg's own socket errors. Not retried in-process (the change may have committed), but
 * not a bug either: the client may try again, on another connection.
 */
const unavailableCodes: ReadonlySet<unknown> = new Set([
  '40003',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);
const nodePgConnectionMessages =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (hasCode(error, unavailableCodes)) return true;
  for (const { message } of causeChain(error)) {
    if (typeof message === 'string' && nodePgConnectionMessages.test(message)) return true;
  }
  return false;
}

/** Runs `work` again on serialization failures, with jittered exponential backoff, a bounded number of times. */
export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { attempts = 6, baseDelayMs = 5, maxDelayMs = 250, onRetry } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isSerializationFailure(error)) throw error;
      onRetry?.(error, attempt);
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.random() * ceiling);
    }
  }
}
