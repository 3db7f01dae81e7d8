import { base64url, SignJWT, UnsecuredJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTokenIssuer } from './testing.ts';
import { createTokenVerifier, InvalidTokenError, type TokenVerifier } from './index.ts';

const userId = randomUUID();
let issuer: Awaited<ReturnType<typeof createTestTokenIssuer>>;
let verifier: TokenVerifier;

beforeAll(async () => {
  issuer = await createTestTokenIssuer();
  verifier = createTokenVerifier({
    jwksUrl: 'http://unused.invalid/jwks',
    issuer: issuer.issuer,
    audience: issuer.audience,
    keys: issuer.keys,
  });
});

const refused = (token: string, reason: RegExp) => expect(verifier.verify(token)).rejects.toThrow(reason);

describe('createTokenVerifier', () => {
  it('accepts a token signed by a published key and returns its subject', async () => {
    const verified = await verifier.verify(await issuer.sign(userId));
    expect(verified.userId).toBe(userId);
    expect(verified.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses an expired token', async () =>
    refused(await issuer.sign(userId, { expiresInSeconds: -5 }), /expired/));

  it('refuses a tampered token', async () => {
    const [header, , signature] = (await issuer.sign(userId)).split('.');
    const forgedPayload = base64url.encode(
      JSON.stringify({
        sub: randomUUID(),
        iss: issuer.issuer,
        aud: issuer.audience,
        exp: 9999999999,
        iat: 1,
      }),
    );
    await refused(`${header}.${forgedPayload}.${signature}`, /not valid/);
  });

  it("refuses alg 'none'", async () => {
    const unsigned = new UnsecuredJWT({})
      .setSubject(userId)
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode();
    await refused(unsigned, /not valid/);
  });

  it('refuses HS256 signed with the public key (algorithm confusion)', async () => {
    const publicKeyBytes = new TextEncoder().encode(JSON.stringify(issuer.jwks.keys[0]));
    const confused = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: issuer.jwks.keys[0]?.kid })
      .setSubject(userId)
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(publicKeyBytes);
    await refused(confused, /not valid/);
  });

  it('refuses a wrong audience or issuer', async () => {
    await refused(await issuer.sign(userId, { audience: 'someone-else' }), /aud claim/);
    await refused(await issuer.sign(userId, { issuer: 'https://evil.example' }), /iss claim/);
  });

  it('refuses a key it does not know', async () => {
    const stranger = await createTestTokenIssuer();
    await refused(await stranger.sign(userId), /unknown key/);
  });

  it('refuses a subject that is not a user id', async () => {
    await expect(verifier.verify(await issuer.sign('admin'))).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('remote key set', () => {
  it('fetches the JWKS from the configured URL, caches it, and refetches for a new kid', async () => {
    const first = await createTestTokenIssuer();
    const second = await createTestTokenIssuer();
    let published = [...first.jwks.keys];
    let fetches = 0;
    const server = createServer((_request, response) => {
      fetches++;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const remote = createTokenVerifier({
        jwksUrl: `http://127.0.0.1:${port}/jwks`,
        issuer: first.issuer,
        audience: first.audience,
        refetchCooldownMs: 0,
      });
      await remote.verify(await first.sign(userId));
      await remote.verify(await first.sign(userId));
      expect(fetches).toBe(1);
      // Rotation: the auth service publishes the next key before signing with it.
      published = [...first.jwks.keys, ...second.jwks.keys];
      await expect(remote.verify(await second.sign(userId))).resolves.toMatchObject({ userId });
      expect(fetches).toBe(2);
    } finally {
      server.close();
    }
  });
});
