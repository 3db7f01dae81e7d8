import { base64url, createLocalJWKSet, decodeProtectedHeader, jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authApi, uniqueEmail, type SessionBody } from './api.ts';
import { startAuth, type AuthUnderTest } from './harness.ts';

let auth: AuthUnderTest;
let api: ReturnType<typeof authApi>;
let session: SessionBody;

beforeAll(async () => {
  auth = await startAuth({ env: { RATE_LIMIT_PER_IP: '1000' } });
  api = authApi(auth.app);
  session = (await api.register(uniqueEmail(), 'correct horse battery')).json<SessionBody>();
});
afterAll(() => auth?.close());

/** Signs with the service's real current key, so only the claim under test is wrong. */
function forge(claims: { exp?: number; aud?: string; iss?: string; sub?: string } = {}) {
  const { kid, privateKey } = auth.app.keyRing.signingKey();
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
    .setSubject(claims.sub ?? session.user.id)
    .setIssuer(claims.iss ?? auth.config.JWT_ISSUER)
    .setAudience(claims.aud ?? auth.config.JWT_AUDIENCE)
    .setIssuedAt(now - 60)
    .setExpirationTime(claims.exp ?? now + 300)
    .sign(privateKey);
}

const status = async (token: string) => (await api.me(token)).statusCode;

describe('access tokens', () => {
  it('are EdDSA JWTs with iss, aud, sub, kid and at most 15 minutes of life, verifiable from the JWKS', async () => {
    const jwks = (await auth.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{
      keys: object[];
    }>();
    const { payload, protectedHeader } = await jwtVerify(
      session.accessToken,
      createLocalJWKSet(jwks as never),
      {
        issuer: auth.config.JWT_ISSUER,
        audience: auth.config.JWT_AUDIENCE,
        algorithms: ['EdDSA'],
      },
    );
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload.sub).toBe(session.user.id);
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(900);
    expect(JSON.stringify(jwks)).not.toMatch(/"d":/);
  });

  it('accepts a well-formed token and refuses expired, tampered, alg none, wrong-aud, wrong-iss and unknown-kid ones', async () => {
    expect(await status(await forge())).toBe(200);
    expect(await status(await forge({ exp: Math.floor(Date.now() / 1000) - 5 }))).toBe(401);
    expect(await status(await forge({ aud: 'another-app' }))).toBe(401);
    expect(await status(await forge({ iss: 'https://evil.example' }))).toBe(401);

    const [header, , signature] = session.accessToken.split('.');
    const otherUser = base64url.encode(
      JSON.stringify({
        sub: '00000000-0000-4000-8000-000000000000',
        iss: auth.config.JWT_ISSUER,
        aud: auth.config.JWT_AUDIENCE,
        exp: 4102444800,
        iat: 1,
      }),
    );
    expect(await status(`${header}.${otherUser}.${signature}`)).toBe(401);

    const none = new UnsecuredJWT({})
      .setSubject(session.user.id)
      .setIssuer(auth.config.JWT_ISSUER)
      .setAudience(auth.config.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode();
    expect(await status(none)).toBe(401);

    const stranger = generateKeyPairSync('ed25519').privateKey;
    const unknownKid = await new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: 'not-ours' })
      .setSubject(session.user.id)
      .setIssuer(auth.config.JWT_ISSUER)
      .setAudience(auth.config.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(stranger);
    expect(await status(unknownKid)).toBe(401);
    const response = await api.me(unknownKid);
    expect(response.json<{ detail: string }>().detail).toMatch(/unknown key/);
  });

  it('keeps tokens signed by a rotated-out key valid until they expire', async () => {
    const before = session.accessToken;
    const oldKid = auth.app.keyRing.signingKey().kid;
    await auth.app.keyRing.rotateNow();
    const after = (await api.login(session.user.email, 'correct horse battery')).json<SessionBody>()
      .accessToken;
    const kidOf = (token: string) => decodeProtectedHeader(token);
    expect(kidOf(after).kid).not.toBe(oldKid);
    expect(kidOf(before).kid).toBe(oldKid);
    expect(await status(before)).toBe(200);
    expect(await status(after)).toBe(200);
    const published = (await auth.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{
      keys: { kid: string }[];
    }>();
    expect(published.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, kidOf(after).kid]));
  });

  it('refuses at once, remembered or not, tokens of a key rotated out as compromised, and unpublishes it', async () => {
    const fresh = (await api.login(session.user.email, 'correct horse battery')).json<SessionBody>();
    const leakedKid = decodeProtectedHeader(fresh.accessToken).kid;
    expect(await status(fresh.accessToken)).toBe(200); // now remembered as verified
    await auth.app.keyRing.rotateNow({ compromised: true });
    expect(await status(fresh.accessToken)).toBe(401);
    const published = (await auth.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<{
      keys: { kid: string }[];
    }>();
    expect(published.keys.map((key) => key.kid)).not.toContain(leakedKid);
    // Its owner renews the session and is signed in with the new key.
    const renewed = (await api.refresh(fresh.refreshToken)).json<SessionBody>();
    expect(decodeProtectedHeader(renewed.accessToken).kid).not.toBe(leakedKid);
    expect(await status(renewed.accessToken)).toBe(200);
  });
});
