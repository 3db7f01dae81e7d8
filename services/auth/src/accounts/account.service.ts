import { createEvent, type Outbox, type UnitOfWork } from '@todo-bus/events';
import { randomUUID } from 'node:crypto';
import type { AccessTokenIssuer } from '../keys/access-token-issuer.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import { hashRefreshToken, newRefreshTokenValue } from '../sessions/refresh-token-value.ts';
import type { User } from '../users/user.entity.ts';
import {
  AccountNotFoundError,
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
} from './account.errors.ts';
import type { AccountRepositories } from './account.repositories.ts';

export interface PublicUser {
  id: string;
  email: string;
  createdAt: string;
}

export interface Session {
  user: PublicUser;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** What one unit of work may touch: users, sessions, and the outbox its events commit with. */
export type AccountWork = AccountRepositories & Outbox;

export interface AccountServiceDeps {
  transaction: UnitOfWork<AccountWork>;
  passwords: PasswordHasher;
  accessTokens: AccessTokenIssuer;
  clock: () => Date;
  /** Absolute lifetime of a login (a refresh-token family). */
  refreshTokenTtlMs: number;
  /** A rotated token presented again within this window is a concurrent refresh (two tabs), not theft. */
  reuseGraceMs: number;
}

const source = '/services/auth';

export const toPublicUser = (user: User): PublicUser => ({
  id: user.id,
  email: user.email,
  createdAt: user.createdAt.toISOString(),
});

export function createAccountService(deps: AccountServiceDeps) {
  const { transaction, passwords, accessTokens, clock, refreshTokenTtlMs, reuseGraceMs } = deps;

  /** Adds a refresh token to a family (new or existing) and returns its value. */
  async function addRefreshToken(tx: AccountWork, familyId: string, at: Date): Promise<string> {
    const value = newRefreshTokenValue();
    await tx.sessions.insertToken({
      id: randomUUID(),
      familyId,
      tokenHash: hashRefreshToken(value),
      createdAt: at,
      rotatedAt: null,
    });
    return value;
  }

  async function startSession(tx: AccountWork, userId: string): Promise<string> {
    const at = clock();
    const familyId = randomUUID();
    await tx.sessions.insertFamily({
      id: familyId,
      userId,
      createdAt: at,
      expiresAt: new Date(at.getTime() + refreshTokenTtlMs),
      revokedAt: null,
      revokedReason: null,
    });
    return addRefreshToken(tx, familyId, at);
  }

  async function session(user: User, refreshToken: string): Promise<Session> {
    return {
      user: toPublicUser(user),
      accessToken: await accessTokens.issue(user.id),
      refreshToken,
      expiresIn: accessTokens.expiresIn,
    };
  }

  return {
    async register(email: string, password: string): Promise<Session> {
      // Hash before the transaction: it is slow, and a retried transaction must not pay for it twice.
      const passwordHash = await passwords.hash(password);
      const user: User = { id: randomUUID(), email, passwordHash, createdAt: clock() };
      const refreshToken = await transaction(async (tx) => {
        if (await tx.users.findByEmail(email)) throw new EmailTakenError();
        await tx.users.insert(user);
        tx.emit(
          createEvent({
            type: 'user.registered',
            source,
            subject: user.id,
            userId: user.id,
            data: toPublicUser(user),
          }),
        );
        return startSession(tx, user.id);
      });
      return session(user, refreshToken);
    },

    async login(email: string, password: string): Promise<Session> {
      const user = await transaction((tx) => tx.users.findByEmail(email));
      if (!user) {
        await passwords.verifyAgainstDummy(password);
        throw new InvalidCredentialsError();
      }
      if (!(await passwords.verify(user.passwordHash, password))) throw new InvalidCredentialsError();
      const refreshToken = await transaction((tx) => startSession(tx, user.id));
      return session(user, refreshToken);
    },

    /** Rotates: the presented token is spent and a new one returned. Reuse after the grace window revokes the family. */
    async refresh(presented: string): Promise<Session> {
      const outcome = await transaction(async (tx) => {
        const at = clock();
        const token = await tx.sessions.findTokenByHash(hashRefreshToken(presented));
        const family = token ? await tx.sessions.findFamily(token.familyId) : null;
        if (!token || !family || family.revokedAt || family.expiresAt <= at) return { ok: false as const };
        if (token.rotatedAt && at.getTime() - token.rotatedAt.getTime() > reuseGraceMs) {
          // Someone is replaying a spent token: thief or victim, the whole login is no longer trustworthy.
          await tx.sessions.revokeFamily(family.id, 'reuse', at);
          return { ok: false as const };
        }
        const user = await tx.users.findById(family.userId);
        if (!user) return { ok: false as const };
        if (!token.rotatedAt) await tx.sessions.markRotated(token.id, at);
        return { ok: true as const, user, refreshToken: await addRefreshToken(tx, family.id, at) };
      });
      // Thrown after the transaction so that a reuse revocation commits.
      if (!outcome.ok) throw new InvalidRefreshTokenError();
      return session(outcome.user, outcome.refreshToken);
    },

    async logout(presented: string): Promise<void> {
      await transaction(async (tx) => {
        const token = await tx.sessions.findTokenByHash(hashRefreshToken(presented));
        if (token) await tx.sessions.revokeFamily(token.familyId, 'logout', clock());
      });
    },

    async me(userId: string): Promise<PublicUser> {
      const user = await transaction((tx) => tx.users.findById(userId));
      if (!user) throw new AccountNotFoundError();
      return toPublicUser(user);
    },

    async deleteAccount(userId: string): Promise<void> {
      await transaction(async (tx) => {
        const user = await tx.users.findById(userId);
        if (!user) throw new AccountNotFoundError();
        await tx.sessions.deleteAllOf(userId);
        await tx.users.delete(userId);
        tx.emit(createEvent({ type: 'user.deleted', source, subject: userId, userId, data: { id: userId } }));
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
