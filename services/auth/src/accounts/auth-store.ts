import type { TypedEvent, EventType } from '@todo-bus/events';
import type { RefreshTokenFamily } from '../sessions/refresh-token-family.entity.ts';
import type { RefreshToken } from '../sessions/refresh-token.entity.ts';
import type { User } from '../users/user.entity.ts';

/** What one transaction of the account service may read and write. */
export interface AuthStore {
  users: {
    findByEmail(email: string): Promise<User | null>;
    findById(id: string): Promise<User | null>;
    /** Throws EmailTakenError when the address is registered already (also under a concurrent race). */
    insert(user: User): Promise<void>;
    delete(id: string): Promise<void>;
  };
  sessions: {
    insertFamily(family: RefreshTokenFamily): Promise<void>;
    findFamily(id: string): Promise<RefreshTokenFamily | null>;
    revokeFamily(id: string, reason: string, at: Date): Promise<void>;
    deleteAllOf(userId: string): Promise<void>;
    insertToken(token: RefreshToken): Promise<void>;
    findTokenByHash(tokenHash: string): Promise<RefreshToken | null>;
    markRotated(id: string, at: Date): Promise<void>;
  };
  /** Records an event in this transaction's outbox. */
  publish<Type extends EventType>(event: TypedEvent<Type>): void;
}

/** Runs `work` in one transaction (retried as a whole on serialization failures). */
export type AuthTransaction = <T>(work: (store: AuthStore) => Promise<T>) => Promise<T>;
