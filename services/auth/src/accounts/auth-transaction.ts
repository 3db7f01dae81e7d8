import { inTransaction, type EntityManager } from '@todo-bus/db';
import { enqueueEvent, type BusNames } from '@todo-bus/events';
import { sessionRepository } from '../sessions/session.repository.ts';
import { userRepository } from '../users/user.repository.ts';
import type { AuthTransaction } from './auth-store.ts';

/** The account service's transactions on the real database; the relay is woken once an event commits. */
export function authTransaction(
  em: EntityManager,
  names: BusNames,
  onEventsCommitted: () => void,
): AuthTransaction {
  return async (work) => {
    let published = false;
    const result = await inTransaction(em, (tx) =>
      work({
        users: userRepository(tx),
        sessions: sessionRepository(tx),
        publish(event) {
          enqueueEvent(tx, names, event);
          published = true;
        },
      }),
    );
    if (published) onEventsCommitted();
    return result;
  };
}
