import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { accessTokenAlgorithm } from './verifier.ts';

/**
 * Signs access tokens the way the auth service does, with a key of its own, for suites that test a
 * verifier without running auth. `keys` plugs into `createTokenVerifier({ keys })`.
 */
export async function createTestTokenIssuer(options: { issuer?: string; audience?: string } = {}) {
  const issuer = options.issuer ?? 'todo-bus-auth';
  const audience = options.audience ?? 'todo-bus';
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair(accessTokenAlgorithm, {
    crv: 'Ed25519',
    extractable: true,
  });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: accessTokenAlgorithm, use: 'sig' };
  const jwks = { keys: [jwk] };
  return {
    issuer,
    audience,
    jwks,
    keys: createLocalJWKSet(jwks),
    sign(
      userId: string,
      claims: { expiresInSeconds?: number; audience?: string; issuer?: string; typ?: string } = {},
    ) {
      return new SignJWT({})
        .setProtectedHeader({ alg: accessTokenAlgorithm, kid, typ: claims.typ ?? 'at+jwt' })
        .setSubject(userId)
        .setIssuer(claims.issuer ?? issuer)
        .setAudience(claims.audience ?? audience)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.expiresInSeconds ?? 300))
        .sign(privateKey);
    },
  };
}
