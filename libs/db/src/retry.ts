import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** Total tries, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each retry (metrics, logs, tests). */
  onRetry?: (error: unknown, attempt: number) => void;
}

const serializationFailure = '40001';

/**
 * SQLSTATE 40001: the database aborted the transaction to keep it serializable (CockroachDB's
 * "restart transaction", PostgreSQL's "could not serialize access"). Running it again is the fix.
 */
export function isSerializationFailure(error: unknown): boolean {
  for (
    let current = error;
    current && typeof current === 'object';
    current = (current as { cause?: unknown }).cause
  ) {
    const { code, sqlState } = current as { code?: unknown; sqlState?: unknown };
    if (code === serializationFailure || sqlState === serializationFailure) return true;
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
