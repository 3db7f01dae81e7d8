import type { EntityManager } from '@todo-bus/db';
import { sessionRepository, type SessionRepository } from '../sessions/session.repository.ts';
import { userRepository, type UserRepository } from '../users/user.repository.ts';

export interface AccountRepositories {
  users: UserRepository;
  sessions: SessionRepository;
}

/** What one unit of work of the account service may read and write, on that transaction's EntityManager. */
export function accountRepositories(em: EntityManager): AccountRepositories {
  return { users: userRepository(em), sessions: sessionRepository(em) };
}
