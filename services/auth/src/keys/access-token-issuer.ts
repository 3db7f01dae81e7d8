import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { KeyRing } from './key-ring.ts';

export interface AccessTokenIssuer {
  /** Seconds until the tokens it issues expire. */
  readonly expiresIn: number;
  issue(userId: string): Promise<string>;
}

export function createAccessTokenIssuer(
  keyRing: Pick<KeyRing, 'signingKey'>,
  settings: { issuer: string; audience: string; ttlSeconds: number },
): AccessTokenIssuer {
  return {
    expiresIn: settings.ttlSeconds,
    issue(userId) {
      const { kid, privateKey } = keyRing.signingKey();
      // One reading of the clock for both: two could straddle a second and make a token live ttl + 1 s.
      const issuedAt = Math.floor(Date.now() / 1000);
      return new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
        .setSubject(userId)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + settings.ttlSeconds)
        .sign(privateKey);
    },
  };
}
