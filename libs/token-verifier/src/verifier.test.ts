import { base64url, SignJWT, UnsecuredJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTokenIssuer } from './testing.ts';
import { InvalidTokenError } from './errors.ts';
import { createTokenVerifier, type TokenVerifier } from './index.ts';

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

  it('refuses a token of another type (typ other than at+jwt, or none) signed by a published key', async () => {
    await refused(await issuer.sign(userId, { typ: 'JWT' }), /typ/);
    await refused(await issuer.sign(userId, { typ: 'id_token+jwt' }), /typ/);
    await expect(
      verifier.verify(await issuer.sign(userId, { typ: 'application/at+jwt' })),
    ).resolves.toBeTruthy();
  });

  it('refuses a subject that is not a user id', async () => {
    await expect(verifier.verify(await issuer.sign('admin'))).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('verified-token cache', () => {
  /** A key set that counts how often a signature is checked. */
  const counting = () => {
    let lookups = 0;
    const getKey: JWTVerifyGetKey = (header, token) => {
      lookups++;
      return issuer.keys(header, token);
    };
    return { keys: Object.assign(getKey, { jwks: () => issuer.jwks }), lookups: () => lookups };
  };

  it('verifies a token once, then answers from memory until it expires', async () => {
    let time = Date.now();
    const { keys, lookups } = counting();
    const cached = createTokenVerifier({
      ...issuer,
      jwksUrl: 'http://unused.invalid/jwks',
      keys,
      clock: () => time,
    });
    const token = await issuer.sign(userId, { expiresInSeconds: 60 });
    const first = await cached.verify(token);
    await expect(cached.verify(token)).resolves.toEqual(first);
    expect(lookups()).toBe(1);
    time += 61_000; // past exp: verified again, and jose's own clock still says it is valid, so it passes
    await cached.verify(token);
    expect(lookups()).toBe(2);
  });

  it('refuses a token that differs by one byte from a cached one', async () => {
    const token = await issuer.sign(userId);
    await verifier.verify(token);
    const [header, payload, signature = ''] = token.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
    await refused(`${header}.${payload}.${flipped}`, /not valid/);
  });

  it('never remembers a refused token, and keeps at most cacheSize tokens', async () => {
    const { keys, lookups } = counting();
    const small = createTokenVerifier({
      ...issuer,
      jwksUrl: 'http://unused.invalid/jwks',
      keys,
      cacheSize: 2,
    });
    const expired = await issuer.sign(userId, { expiresInSeconds: -5 });
    await expect(small.verify(expired)).rejects.toThrow(/expired/);
    await expect(small.verify(expired)).rejects.toThrow(/expired/);
    expect(lookups()).toBe(2);
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map((n) => issuer.sign(userId, { expiresInSeconds: 60 + n })),
    );
    for (const token of [a, b, c, c, a]) await small.verify(token as string);
    // a, b, c are verified; c is then remembered; a was evicted by c and is verified again.
    expect(lookups()).toBe(2 + 4);
  });
});

/** A JWKS endpoint whose answer the test changes: the keys it publishes, or a failure. */
async function jwksServer(initial: JWK[]) {
  const state = { published: initial, failing: false, fetches: 0 };
  const server = createServer((_request, response) => {
    state.fetches++;
    response.statusCode = state.failing ? 503 : 200;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: state.published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { state, url: `http://127.0.0.1:${port}/jwks`, close: () => server.close() };
}

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

  it('refuses, within the refresh interval, a remembered token whose key was withdrawn from the JWKS', async () => {
    const compromised = await createTestTokenIssuer();
    const successor = await createTestTokenIssuer();
    const jwks = await jwksServer([...compromised.jwks.keys, ...successor.jwks.keys]);
    try {
      const remote = createTokenVerifier({
        jwksUrl: jwks.url,
        issuer: compromised.issuer,
        audience: compromised.audience,
        keySetRefreshMs: 200,
      });
      const stolen = await compromised.sign(userId);
      await remote.verify(stolen); // now remembered as verified
      const fresh = await successor.sign(userId);
      await remote.verify(fresh);
      // `rotate-keys --compromised`: auth stops publishing the key at once.
      jwks.state.published = [...successor.jwks.keys];
      const withdrawnAt = Date.now();
      await expect
        .poll(
          () =>
            remote.verify(stolen).then(
              () => 'accepted',
              (error: Error) => error.message,
            ),
          {
            timeout: 5_000,
            interval: 50,
          },
        )
        .toBe('token signed with an unknown key');
      expect(Date.now() - withdrawnAt).toBeLessThan(5_000);
      await expect(remote.verify(await compromised.sign(userId))).rejects.toThrow(/unknown key/);
      await expect(remote.verify(fresh)).resolves.toMatchObject({ userId });
    } finally {
      jwks.close();
    }
  });

  it('keeps the last key set when a refresh fails (auth unreachable for a moment)', async () => {
    const keyOwner = await createTestTokenIssuer();
    const jwks = await jwksServer([...keyOwner.jwks.keys]);
    try {
      const remote = createTokenVerifier({
        jwksUrl: jwks.url,
        issuer: keyOwner.issuer,
        audience: keyOwner.audience,
        keySetRefreshMs: 50,
      });
      const token = await keyOwner.sign(userId);
      await remote.verify(token);
      jwks.state.failing = true;
      const before = jwks.state.fetches;
      await expect
        .poll(async () => {
          await remote.verify(token);
          return jwks.state.fetches - before;
        })
        .toBeGreaterThanOrEqual(2);
      await expect(remote.verify(token)).resolves.toMatchObject({ userId });
      await expect(remote.verify(await keyOwner.sign(userId))).resolves.toMatchObject({ userId });
    } finally {
      jwks.close();
    }
  });
});
