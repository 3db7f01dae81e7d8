import { createEvent, type Outbox, type UnitOfWork } from '@todo-bus/events';
import { randomUUID } from 'node:crypto';
import type { AccessTokenIssuer } from '../keys/access-token-issuer.ts';
import type { PasswordHasher } from '../passwords/password-hasher.ts';
import {
  hashRefreshToken,
  newRefreshTokenValue,
  type SuccessorDerivation,
} from '../sessions/refresh-token-value.ts';
import type { User } from '../users/user.entity.ts';
import {
  AccountNotFoundError,
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  WrongPasswordError,
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
  /** A login unused for this long ends: its live refresh token is refused and the family revoked. */
  idleTimeoutMs: number;
  /**
   * The immediate parent of a still-unused successor, presented again within this window, is a concurrent
   * refresh (two tabs): it gets that same successor back. Anything else presenting a spent token is reuse.
   */
  reuseGraceMs: number;
  /** Derives a token's one successor, so a repeated rotation returns the same value (never a fork). */
  successorOf: SuccessorDerivation;
}

const source = '/services/auth';

export const toPublicUser = (user: User): PublicUser => ({
  id: user.id,
  email: user.email,
  createdAt: user.createdAt.toISOString(),
});

export function createAccountService(deps: AccountServiceDeps) {
  const { transaction, passwords, accessTokens, clock, refreshTokenTtlMs, idleTimeoutMs, reuseGraceMs } =
    deps;
  const { successorOf } = deps;

  /** Adds a refresh token (random for a new family, derived for a successor) and returns its value. */
  async function addRefreshToken(
    tx: AccountWork,
    familyId: string,
    at: Date,
    value = newRefreshTokenValue(),
  ): Promise<string> {
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

    /**
     * Rotates: the presented token is spent and its one successor returned. Presenting the immediate parent
     * again within the grace window, while the successor is unused, returns that same successor (two tabs);
     * any other spent token (a grandparent, the parent after the window or after its successor was used)
     * revokes the family. So a family has one live refresh token at a time.
     */
    async refresh(presented: string): Promise<Session> {
      const outcome = await transaction(async (tx) => {
        const at = clock();
        const token = await tx.sessions.findTokenByHash(hashRefreshToken(presented));
        const family = token ? await tx.sessions.findFamily(token.familyId) : null;
        if (!token || !family || family.revokedAt || family.expiresAt <= at) return { ok: false as const };
        const successor = successorOf(family.id, presented);
        if (token.rotatedAt) {
          const next = await tx.sessions.findTokenByHash(hashRefreshToken(successor));
          const withinGrace = at.getTime() - token.rotatedAt.getTime() <= reuseGraceMs;
          if (!withinGrace || !next || next.rotatedAt) {
            // Someone is replaying a spent token: thief or victim, the whole login is no longer trustworthy.
            await tx.sessions.revokeFamily(family.id, 'reuse', at);
            return { ok: false as const };
          }
        } else if (at.getTime() - token.createdAt.getTime() > idleTimeoutMs) {
          // The live token was issued at the family's last use: a login left alone this long ends.
          await tx.sessions.revokeFamily(family.id, 'idle', at);
          return { ok: false as const };
        }
        const user = await tx.users.findById(family.userId);
        if (!user) return { ok: false as const };
        if (!token.rotatedAt) {
          await tx.sessions.markRotated(token.id, at);
          await addRefreshToken(tx, family.id, at, successor);
        }
        return { ok: true as const, user, refreshToken: successor };
      });
      // Thrown after the transaction so that a revocation commits.
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

    /** Deletes the account once `password` re-authenticates: a stolen access token alone cannot. */
    async deleteAccount(userId: string, password: string): Promise<void> {
      const account = await transaction((tx) => tx.users.findById(userId));
      if (!account) throw new AccountNotFoundError();
      if (!(await passwords.verify(account.passwordHash, password))) throw new WrongPasswordError();
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
