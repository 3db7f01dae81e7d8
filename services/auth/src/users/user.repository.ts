import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@todo-bus/db';
import { EmailTakenError } from '../accounts/account.errors.ts';
import { User } from './user.entity.ts';

export interface UserRepository {
  findByEmail(email: string): Promise<User | null>;
  findById(id: string): Promise<User | null>;
  /** Throws EmailTakenError when the address is registered already (also under a concurrent race). */
  insert(user: User): Promise<void>;
  delete(id: string): Promise<void>;
}

export function userRepository(em: EntityManager): UserRepository {
  return {
    findByEmail: (email) => em.findOne(User, { email }),
    findById: (id) => em.findOne(User, { id }),
    async insert(user) {
      em.create(User, user);
      try {
        await em.flush();
      } catch (error) {
        // Two registrations of one address raced past the look-up: the unique index decides.
        if (error instanceof UniqueConstraintViolationException) throw new EmailTakenError();
        throw error;
      }
    },
    async delete(id) {
      await em.nativeDelete(User, { id });
    },
  };
}
