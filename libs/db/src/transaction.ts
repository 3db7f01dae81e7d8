import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { withRetry, type RetryOptions } from './retry.ts';

/**
 * Runs `work` in a SERIALIZABLE transaction on a fresh fork, retried on 40001. Every attempt gets its own
 * fork, so nothing a failed attempt loaded or changed leaks into the next one. `work` must be safe to run
 * more than once: keep side effects outside the database (publishing, HTTP calls) out of it.
 */
export function inTransaction<T>(
  em: EntityManager,
  work: (em: EntityManager) => Promise<T>,
  options?: RetryOptions,
): Promise<T> {
  return withRetry(
    () => em.fork().transactional((tx) => work(tx), { isolationLevel: IsolationLevel.SERIALIZABLE }),
    options,
  );
}
