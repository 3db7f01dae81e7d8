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
      return new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
        .setSubject(userId)
        .setIssuer(settings.issuer)
        .setAudience(settings.audience)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${settings.ttlSeconds}s`)
        .sign(privateKey);
    },
  };
}
