import { createEvent } from '@todo-bus/events';
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
import type { AuthStore, AuthTransaction } from './auth-store.ts';

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

export interface AccountServiceDeps {
  transaction: AuthTransaction;
  passwords: PasswordHasher;
  accessTokens: AccessTokenIssuer;
  now?: () => Date;
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
  const { transaction, passwords, accessTokens, refreshTokenTtlMs, reuseGraceMs } = deps;
  const now = deps.now ?? (() => new Date());

  /** Adds a refresh token to a family (new or existing) and returns its value. */
  async function addRefreshToken(store: AuthStore, familyId: string, at: Date): Promise<string> {
    const value = newRefreshTokenValue();
    await store.sessions.insertToken({
      id: randomUUID(),
      familyId,
      tokenHash: hashRefreshToken(value),
      createdAt: at,
      rotatedAt: null,
    });
    return value;
  }

  async function startSession(store: AuthStore, userId: string): Promise<string> {
    const at = now();
    const familyId = randomUUID();
    await store.sessions.insertFamily({
      id: familyId,
      userId,
      createdAt: at,
      expiresAt: new Date(at.getTime() + refreshTokenTtlMs),
      revokedAt: null,
      revokedReason: null,
    });
    return addRefreshToken(store, familyId, at);
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
      const user: User = { id: randomUUID(), email, passwordHash, createdAt: now() };
      const refreshToken = await transaction(async (store) => {
        if (await store.users.findByEmail(email)) throw new EmailTakenError();
        await store.users.insert(user);
        store.publish(
          createEvent({
            type: 'user.registered',
            source,
            subject: user.id,
            userId: user.id,
            data: toPublicUser(user),
          }),
        );
        return startSession(store, user.id);
      });
      return session(user, refreshToken);
    },

    async login(email: string, password: string): Promise<Session> {
      const user = await transaction((store) => store.users.findByEmail(email));
      if (!user) {
        await passwords.verifyAgainstDummy(password);
        throw new InvalidCredentialsError();
      }
      if (!(await passwords.verify(user.passwordHash, password))) throw new InvalidCredentialsError();
      const refreshToken = await transaction((store) => startSession(store, user.id));
      return session(user, refreshToken);
    },

    /** Rotates: the presented token is spent and a new one returned. Reuse after the grace window revokes the family. */
    async refresh(presented: string): Promise<Session> {
      const outcome = await transaction(async (store) => {
        const at = now();
        const token = await store.sessions.findTokenByHash(hashRefreshToken(presented));
        const family = token ? await store.sessions.findFamily(token.familyId) : null;
        if (!token || !family || family.revokedAt || family.expiresAt <= at) return { ok: false as const };
        if (token.rotatedAt && at.getTime() - token.rotatedAt.getTime() > reuseGraceMs) {
          // Someone is replaying a spent token: thief or victim, the whole login is no longer trustworthy.
          await store.sessions.revokeFamily(family.id, 'reuse', at);
          return { ok: false as const };
        }
        const user = await store.users.findById(family.userId);
        if (!user) return { ok: false as const };
        if (!token.rotatedAt) await store.sessions.markRotated(token.id, at);
        return { ok: true as const, user, refreshToken: await addRefreshToken(store, family.id, at) };
      });
      // Thrown after the transaction so that a reuse revocation commits.
      if (!outcome.ok) throw new InvalidRefreshTokenError();
      return session(outcome.user, outcome.refreshToken);
    },

    async logout(presented: string): Promise<void> {
      await transaction(async (store) => {
        const token = await store.sessions.findTokenByHash(hashRefreshToken(presented));
        if (token) await store.sessions.revokeFamily(token.familyId, 'logout', now());
      });
    },

    async me(userId: string): Promise<PublicUser> {
      const user = await transaction((store) => store.users.findById(userId));
      if (!user) throw new AccountNotFoundError();
      return toPublicUser(user);
    },

    async deleteAccount(userId: string): Promise<void> {
      await transaction(async (store) => {
        const user = await store.users.findById(userId);
        if (!user) throw new AccountNotFoundError();
        await store.sessions.deleteAllOf(userId);
        await store.users.delete(userId);
        store.publish(
          createEvent({ type: 'user.deleted', source, subject: userId, userId, data: { id: userId } }),
        );
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
