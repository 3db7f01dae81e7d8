import { base64url, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';

/** What an attacker can see: a real token (their own), the published key set, the issuer and audience. */
export interface AttackMaterial {
  /** A genuine access token of the attacker's own account. */
  ownToken: string;
  /** The victim's user id, which the forged tokens claim to be. */
  victimId: string;
  jwks: { keys: JWK[] };
  issuer: string;
  audience: string;
  /** Genuine tokens signed by the real key but with a claim the verifiers must refuse. */
  wrongIssuer: string;
  wrongAudience: string;
  expired: string;
}

const claims = (material: AttackMaterial, subject = material.victimId) => ({
  sub: subject,
  iss: material.issuer,
  aud: material.audience,
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 600,
});

const withClaims = (jwt: SignJWT, material: AttackMaterial) => {
  const { sub, iss, aud, iat, exp } = claims(material);
  return jwt.setSubject(sub).setIssuer(iss).setAudience(aud).setIssuedAt(iat).setExpirationTime(exp);
};

/** Every forged or unacceptable token, by name: none may ever be accepted. */
export async function jwtAttacks(material: AttackMaterial): Promise<[string, string][]> {
  const realKey = material.jwks.keys[0];
  if (!realKey?.kid || !realKey.x) throw new Error('the JWKS has no Ed25519 key');
  const kid = realKey.kid;
  const [header = '', payload = '', signature = ''] = material.ownToken.split('.');
  const attacker = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const attackerJwk = await exportJWK(attacker.publicKey);
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const rsaJwk = await exportJWK(rsa.publicKey);
  const ownPayload = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const tampered = base64url.encode(JSON.stringify({ ...ownPayload, sub: material.victimId }));
  const edSigned = (protectedHeader: Record<string, unknown>) =>
    withClaims(new SignJWT({}).setProtectedHeader({ alg: 'EdDSA', ...protectedHeader }), material).sign(
      attacker.privateKey,
    );
  const hsSigned = (secret: Uint8Array) =>
    withClaims(new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid, typ: 'at+jwt' }), material).sign(
      secret,
    );
  const noneToken = new UnsecuredJWT(claims(material)).encode();
  const noneWithKid = `${base64url.encode(JSON.stringify({ alg: 'none', kid, typ: 'at+jwt' }))}.${noneToken.split('.')[1]}.`;
  return [
    ['alg none', noneToken],
    ['alg none with the real kid', noneWithKid],
    [
      'alg "None" with the real signature',
      `${base64url.encode(JSON.stringify({ alg: 'None', kid }))}.${payload}.${signature}`,
    ],
    [
      'HS256 keyed with the published JWK (algorithm confusion)',
      await hsSigned(new TextEncoder().encode(JSON.stringify(realKey))),
    ],
    ['HS256 keyed with the raw public key', await hsSigned(Buffer.from(realKey.x, 'base64url'))],
    [
      'RS256 with the real kid (HS/RS confusion)',
      await withClaims(new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }), material).sign(
        rsa.privateKey,
      ),
    ],
    [
      'RS256 carrying its own key in a jwk header',
      await withClaims(new SignJWT({}).setProtectedHeader({ alg: 'RS256', jwk: rsaJwk }), material).sign(
        rsa.privateKey,
      ),
    ],
    ['EdDSA with a foreign kid', await edSigned({ kid: randomUUID() })],
    ['EdDSA with the real kid but a foreign key', await edSigned({ kid })],
    ['EdDSA carrying its own key in a jwk header', await edSigned({ jwk: attackerJwk })],
    [
      'EdDSA pointing jku at the attacker',
      await edSigned({ kid: 'attacker', jku: 'http://127.0.0.1:9/jwks.json' }),
    ],
    ['kid with path traversal', await edSigned({ kid: '../../../../dev/null' })],
    ['payload swapped to the victim, real signature kept', `${header}.${tampered}.${signature}`],
    ['signature stripped', `${header}.${payload}.`],
    ['wrong issuer (signed by the real key)', material.wrongIssuer],
    ['wrong audience (signed by the real key)', material.wrongAudience],
    ['expired (signed by the real key)', material.expired],
  ];
}
