import type { EventType, TypedEvent, UnitOfWork } from '@todo-bus/events';
import type { RefreshTokenFamily } from '../sessions/refresh-token-family.entity.ts';
import type { RefreshToken } from '../sessions/refresh-token.entity.ts';
import type { User } from '../users/user.entity.ts';
import { EmailTakenError } from './account.errors.ts';
import type { AccountRepositories } from './account.repositories.ts';
import type { AccountWork } from './account.service.ts';

/** The account repositories in memory for unit tests: rows in Maps, events in an array, writes applied at once. */
export function createFakeAccountRepositories() {
  const users = new Map<string, User>();
  const families = new Map<string, RefreshTokenFamily>();
  const tokens = new Map<string, RefreshToken>();
  const events: TypedEvent<EventType>[] = [];

  const repositories: AccountRepositories = {
    users: {
      findByEmail: async (email) => [...users.values()].find((user) => user.email === email) ?? null,
      findById: async (id) => users.get(id) ?? null,
      async insert(user) {
        if ([...users.values()].some((existing) => existing.email === user.email))
          throw new EmailTakenError();
        users.set(user.id, { ...user });
      },
      async delete(id) {
        users.delete(id);
      },
    },
    sessions: {
      async insertFamily(family) {
        families.set(family.id, { ...family });
      },
      findFamily: async (id) => families.get(id) ?? null,
      async revokeFamily(id, reason, at) {
        const family = families.get(id);
        if (family && !family.revokedAt) Object.assign(family, { revokedAt: at, revokedReason: reason });
      },
      async deleteAllOf(userId) {
        for (const family of [...families.values()].filter((candidate) => candidate.userId === userId)) {
          families.delete(family.id);
          for (const token of tokens.values()) if (token.familyId === family.id) tokens.delete(token.id);
        }
      },
      async insertToken(token) {
        tokens.set(token.id, { ...token });
      },
      findTokenByHash: async (tokenHash) =>
        [...tokens.values()].find((token) => token.tokenHash === tokenHash) ?? null,
      async markRotated(id, at) {
        const token = tokens.get(id);
        if (token && !token.rotatedAt) token.rotatedAt = at;
      },
    },
  };
  const transaction: UnitOfWork<AccountWork> = (work) =>
    work({ ...repositories, emit: (event) => events.push(event) });
  return { transaction, users, families, tokens, events };
}
