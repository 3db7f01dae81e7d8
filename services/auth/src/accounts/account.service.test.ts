import { beforeEach, describe, expect, it } from 'vitest';
import {
  AccountNotFoundError,
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  WrongPasswordError,
} from './account.errors.ts';
import { createAccountService } from './account.service.ts';
import { createFakeAccountRepositories } from './account.repositories.fake.ts';
import { createSuccessorDerivation } from '../sessions/refresh-token-value.ts';

const passwords = {
  hash: async (password: string) => `hashed:${password}`,
  verify: async (hash: string, password: string) => hash === `hashed:${password}`,
  dummyChecks: 0,
  async verifyAgainstDummy() {
    this.dummyChecks++;
  },
};
const accessTokens = { expiresIn: 900, issue: async (userId: string) => `access-for-${userId}` };

let now: Date;
let fake: ReturnType<typeof createFakeAccountRepositories>;
let accounts: ReturnType<typeof createAccountService>;

beforeEach(() => {
  now = new Date('2026-01-01T00:00:00Z');
  fake = createFakeAccountRepositories();
  passwords.dummyChecks = 0;
  accounts = createAccountService({
    transaction: fake.transaction,
    passwords,
    accessTokens,
    clock: () => now,
    refreshTokenTtlMs: 30 * 86_400_000,
    idleTimeoutMs: 14 * 86_400_000,
    reuseGraceMs: 5_000,
    successorOf: createSuccessorDerivation('unit-test-secret-0123456789abcdefghij'),
  });
});

const later = (ms: number) => (now = new Date(now.getTime() + ms));

describe('register and login', () => {
  it('registers a user, stores only a hash, emits user.registered and starts a session', async () => {
    const session = await accounts.register('ada@example.com', 'correct horse');
    expect(session).toMatchObject({ user: { email: 'ada@example.com' }, expiresIn: 900 });
    expect(session.accessToken).toBe(`access-for-${session.user.id}`);
    expect([...fake.users.values()][0]?.passwordHash).toBe('hashed:correct horse');
    expect([...fake.tokens.values()][0]?.tokenHash).not.toBe(session.refreshToken);
    expect(fake.events.map((event) => [event.type, event.subject])).toEqual([
      ['user.registered', session.user.id],
    ]);
  });

  it('refuses a taken email', async () => {
    await accounts.register('ada@example.com', 'correct horse');
    await expect(accounts.register('ada@example.com', 'another one')).rejects.toBeInstanceOf(EmailTakenError);
    expect(fake.events).toHaveLength(1);
  });

  it('answers unknown email and wrong password alike, and still spends a hash check on the unknown email', async () => {
    await accounts.register('ada@example.com', 'correct horse');
    await expect(accounts.login('ada@example.com', 'wrong')).rejects.toBeInstanceOf(InvalidCredentialsError);
    await expect(accounts.login('nobody@example.com', 'wrong')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    expect(passwords.dummyChecks).toBe(1);
    await expect(accounts.login('ada@example.com', 'correct horse')).resolves.toMatchObject({
      user: { email: 'ada@example.com' },
    });
  });
});

describe('refresh tokens', () => {
  it('rotates on every use', async () => {
    const first = await accounts.register('ada@example.com', 'correct horse');
    const second = await accounts.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await expect(accounts.refresh(second.refreshToken)).resolves.toBeTruthy();
  });

  it('gives a second tab presenting the same parent within the window that same successor', async () => {
    const first = await accounts.register('ada@example.com', 'correct horse');
    const tabA = await accounts.refresh(first.refreshToken);
    later(2_000);
    const tabB = await accounts.refresh(first.refreshToken);
    expect(tabB.refreshToken).toBe(tabA.refreshToken);
    expect(fake.tokens.size).toBe(2);
    await expect(accounts.refresh(tabB.refreshToken)).resolves.toBeTruthy();
  });

  it('revokes the family when the parent comes back after its successor was used', async () => {
    const first = await accounts.register('ada@example.com', 'correct horse');
    const second = await accounts.refresh(first.refreshToken);
    const third = await accounts.refresh(second.refreshToken);
    await expect(accounts.refresh(first.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    await expect(accounts.refresh(third.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect([...fake.families.values()][0]?.revokedReason).toBe('reuse');
  });

  it('revokes the whole family when a rotated token is reused after the grace window', async () => {
    const first = await accounts.register('ada@example.com', 'correct horse');
    const second = await accounts.refresh(first.refreshToken);
    later(5_001);
    await expect(accounts.refresh(first.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    await expect(accounts.refresh(second.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect([...fake.families.values()][0]?.revokedReason).toBe('reuse');
  });

  it('ends a login left unused past the idle timeout', async () => {
    const first = await accounts.register('ada@example.com', 'correct horse');
    later(13 * 86_400_000);
    const second = await accounts.refresh(first.refreshToken);
    later(14 * 86_400_000 + 1);
    await expect(accounts.refresh(second.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
    expect([...fake.families.values()][0]?.revokedReason).toBe('idle');
  });

  it('ends a login at its absolute lifetime however often it is refreshed', async () => {
    let session = await accounts.register('ada@example.com', 'correct horse');
    for (let day = 0; day < 29; day++) {
      later(86_400_000);
      session = await accounts.refresh(session.refreshToken);
    }
    later(2 * 86_400_000);
    await expect(accounts.refresh(session.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });

  it('logout revokes the family; an unknown token is a no-op', async () => {
    const session = await accounts.register('ada@example.com', 'correct horse');
    await accounts.logout('not-a-token');
    await accounts.logout(session.refreshToken);
    await expect(accounts.refresh(session.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });
});

describe('account deletion', () => {
  it('removes the user and every session, and emits user.deleted once', async () => {
    const session = await accounts.register('ada@example.com', 'correct horse');
    await accounts.login('ada@example.com', 'correct horse');
    await expect(accounts.deleteAccount(session.user.id, 'wrong horse')).rejects.toBeInstanceOf(
      WrongPasswordError,
    );
    expect(fake.users.size).toBe(1);
    await accounts.deleteAccount(session.user.id, 'correct horse');
    expect(fake.users.size).toBe(0);
    expect(fake.families.size).toBe(0);
    expect(fake.tokens.size).toBe(0);
    expect(fake.events.map((event) => event.type)).toEqual(['user.registered', 'user.deleted']);
    await expect(accounts.me(session.user.id)).rejects.toBeInstanceOf(AccountNotFoundError);
    await expect(accounts.deleteAccount(session.user.id, 'correct horse')).rejects.toBeInstanceOf(
      AccountNotFoundError,
    );
    await expect(accounts.refresh(session.refreshToken)).rejects.toBeInstanceOf(InvalidRefreshTokenError);
  });
});
