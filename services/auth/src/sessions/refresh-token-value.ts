import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: what the client holds. Only its hash is stored. */
export function newRefreshTokenValue(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
