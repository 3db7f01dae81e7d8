import { inTransaction, type EntityManager, type RetryOptions } from '@todo-bus/db';
import { enqueueEvent, type BusNames } from '@todo-bus/events';
import { createTodoRepository } from './todo.repository.ts';
import type { TodoTransaction, TodoWork } from './todo.service.ts';

/**
 * Writers of one todo collide by design (toggling, editing, several tabs): give them more room to retry
 * than the default before a request fails.
 */
const todoRetries: RetryOptions = { attempts: 10, baseDelayMs: 5, maxDelayMs: 200 };

/** The todos and the outbox of a transaction that is already open (the event consumer's, for instance). */
export function openTodoWork(em: EntityManager, names: BusNames): TodoWork {
  return {
    todos: createTodoRepository(em),
    emit: (event) => enqueueEvent(em, names, event),
  };
}

export interface TodoTransactionOptions {
  em: EntityManager;
  names: BusNames;
  /** Runs once the transaction committed events: wakes the outbox relay. */
  afterCommit: () => void;
}

export function createTodoTransaction({ em, names, afterCommit }: TodoTransactionOptions): TodoTransaction {
  return async (work) => {
    let emitted = false;
    const result = await inTransaction(
      em,
      (tx) => {
        const scope = openTodoWork(tx, names);
        emitted = false; // a retried attempt starts over
        return work({
          ...scope,
          emit(event) {
            emitted = true;
            scope.emit(event);
          },
        });
      },
      todoRetries,
    );
    if (emitted) afterCommit();
    return result;
  };
}
