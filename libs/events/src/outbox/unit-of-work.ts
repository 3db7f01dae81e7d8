import { inTransaction, type EntityManager, type RetryOptions } from '@todo-bus/db';
import type { EventType, TypedEvent } from '../catalog.ts';
import type { BusNames } from '../subjects.ts';
import { enqueueEvent } from './enqueue.ts';

/** Where a unit of work records its events: they commit with its changes, or not at all. */
export interface Outbox {
  emit<Type extends EventType>(event: TypedEvent<Type>): void;
}

/** Runs `work` in one SERIALIZABLE transaction, retried as a whole on conflicts: `work` may run more than once. */
export type UnitOfWork<Work> = <T>(work: (tx: Work) => Promise<T>) => Promise<T>;

export interface UnitOfWorkOptions<Scope> {
  em: EntityManager;
  names: BusNames;
  /** What `work` may touch (its repositories), built on each attempt's own EntityManager. */
  scope: (em: EntityManager) => Scope;
  /** Runs once a transaction that emitted has committed: wakes the outbox relay. Without it, the relay's poll finds the rows. */
  afterCommit?: () => void;
  retry?: RetryOptions;
}

/**
 * The one way every part changes state: the changes and the events they emit commit together, an attempt
 * that loses a serialization conflict leaves nothing behind (its rows roll back and what it emitted is
 * forgotten), and the relay is woken only when events really committed.
 */
export function createUnitOfWork<Scope>({
  em,
  names,
  scope,
  afterCommit,
  retry,
}: UnitOfWorkOptions<Scope>): UnitOfWork<Scope & Outbox> {
  return async (work) => {
    let emitted = 0;
    const result = await inTransaction(
      em,
      (tx) => {
        emitted = 0; // a retried attempt starts over: the failed one's rows were rolled back
        return work({
          ...scope(tx),
          emit(event) {
            enqueueEvent(tx, names, event);
            emitted++;
          },
        });
      },
      retry,
    );
    if (emitted > 0) afterCommit?.();
    return result;
  };
}
