import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: what the client holds. Only its hash is stored. */
export function newRefreshTokenValue(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The one successor a refresh token can ever have in its family. */
export type SuccessorDerivation = (familyId: string, parent: string) => string;

/**
 * Successors are derived, not drawn: HMAC-SHA256 of the family and the parent's value under a key that
 * lives only in auth's memory (HKDF of KEY_ENCRYPTION_SECRET). Two tabs presenting the same parent get the
 * same successor, so rotation is idempotent and a family never forks; the database still holds only
 * hashes, and neither a database leak nor a stolen parent lets anyone compute a successor offline.
 */
export function createSuccessorDerivation(secret: string): SuccessorDerivation {
  const key = Buffer.from(hkdfSync('sha256', secret, 'todo-bus/auth', 'refresh-token-successor/v1', 32));
  return (familyId, parent) =>
    createHmac('sha256', key).update(familyId).update('\0').update(parent).digest('base64url');
}
