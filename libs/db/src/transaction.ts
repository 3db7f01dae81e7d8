import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DatabaseBusyError } from './errors.ts';
import { isDatabaseUnavailable, isSerializationFailure, withRetry, type RetryOptions } from './retry.ts';

/**
 * Runs `work` in a SERIALIZABLE transaction on a fresh fork, retried on 40001. Every attempt gets its own
 * fork, so nothing a failed attempt loaded or changed leaks into the next one. `work` must be safe to run
 * more than once: keep side effects outside the database (publishing, HTTP calls) out of it.
 */
export async function inTransaction<T>(
  em: EntityManager,
  work: (em: EntityManager) => Promise<T>,
  options?: RetryOptions,
): Promise<T> {
  try {
    return await withRetry(
      () => em.fork().transactional((tx) => work(tx), { isolationLevel: IsolationLevel.SERIALIZABLE }),
      options,
    );
  } catch (error) {
    // Still conflicting after every retry (heavy contention), or an ambiguous commit / a draining node: worth
    // a retry by the client, not a 500.
    if (isSerializationFailure(error) || isDatabaseUnavailable(error)) {
      throw new DatabaseBusyError({ retryAfterSeconds: 1, cause: error });
    }
    throw error;
  }
}
