import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { InvalidTokenError } from './errors.ts';

/** The one algorithm access tokens are signed with. Pinned: a token naming another is refused. */
export const accessTokenAlgorithm = 'EdDSA';

/** Longest lifetime an access token may claim, whatever its `exp` says. */
const maxTokenAge = '15m';
const maxTokenAgeSeconds = 15 * 60;

export interface VerifiedToken {
  userId: string;
  expiresAt: Date;
}

export interface TokenVerifier {
  verify(token: string): Promise<VerifiedToken>;
}

/** A key set this process holds itself (tests, the auth service's own key ring); `jwks()`: what it publishes now. */
export type LocalKeySet = JWTVerifyGetKey & { jwks(): JSONWebKeySet | undefined };

/** A local key set read afresh on every use: the auth service's key ring, which changes under it. */
export function liveKeySet(jwks: () => JSONWebKeySet): LocalKeySet {
  const getKey: JWTVerifyGetKey = (header, token) => createLocalJWKSet(jwks())(header, token);
  return Object.assign(getKey, { jwks });
}

export interface TokenVerifierOptions {
  /** Keys come from here and nowhere else (never from a `jku`/`jwk` header in the token). */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** A local key set instead of fetching one (tests, and auth verifying its own tokens). */
  keys?: LocalKeySet;
  /**
   * Least time between two fetches of the key set. The auth service publishes a new key longer than this
   * before it signs with it, so a verifier that meets an unknown `kid` can always refetch and find it.
   */
  refetchCooldownMs?: number;
  /**
   * How often the key set is fetched again even when every `kid` is known: a key withdrawn from the JWKS
   * (`rotate-keys --compromised`) is refused within about this long, remembered tokens included.
   */
  keySetRefreshMs?: number;
  /**
   * Tokens already verified, remembered until they expire (by their exact text: any other byte is a miss and
   * is verified in full). Every request carries the same token for its 15 minutes, and an Ed25519 signature
   * check costs ~0.2 ms of the event loop here, paid by the gateway and again by the service. 0 turns it off.
   */
  cacheSize?: number;
  /** For tests: the clock the cache checks expiry against (epoch milliseconds). */
  clock?: () => number;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * jose caches the key set and refetches it (at most once per cooldown) when a token names a `kid` it does not
 * know yet, which is how a freshly rotated key becomes usable without a restart. Every `keySetRefreshMs` the
 * next verification also refetches it in the background, which is how a withdrawn key stops being accepted.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const { jwksUrl, issuer, audience, refetchCooldownMs = 30_000, keySetRefreshMs = 5_000 } = options;
  const { cacheSize = 10_000 } = options;
  const clock = options.clock ?? Date.now;
  // jose answers from a key set up to 10 minutes old when refetches fail (auth unreachable), as before.
  const remote = options.keys
    ? undefined
    : createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: refetchCooldownMs, cacheMaxAge: 10 * 60_000 });
  const keySet: LocalKeySet = options.keys ?? (remote as LocalKeySet);
  let refreshedAt = clock();
  const refreshKeySet = () => {
    if (!remote || clock() - refreshedAt < keySetRefreshMs) return;
    refreshedAt = clock();
    // In the background: a failed fetch keeps the last key set, and the next interval tries again.
    remote.reload().catch(() => undefined);
  };
  const isPublished = (kid: string) => keySet.jwks()?.keys.some((key) => key.kid === kid) ?? false;
  const verified = new Map<string, VerifiedToken & { kid: string; validUntil: number }>();
  return {
    async verify(token) {
      refreshKeySet();
      const known = verified.get(token);
      if (known && known.validUntil > clock() && isPublished(known.kid)) {
        return { userId: known.userId, expiresAt: known.expiresAt };
      }
      if (known) verified.delete(token);
      try {
        const { payload, protectedHeader } = await jwtVerify(token, keySet, {
          algorithms: [accessTokenAlgorithm],
          // RFC 9068: only an access token, never another JWT the same key signs (an ID token, a link).
          typ: 'at+jwt',
          issuer,
          audience,
          maxTokenAge,
          requiredClaims: ['sub', 'exp', 'iat'],
        });
        if (!protectedHeader.kid) throw new InvalidTokenError('token has no key id');
        if (!payload.sub || !uuid.test(payload.sub))
          throw new InvalidTokenError('token subject is not a user id');
        const result = { userId: payload.sub, expiresAt: new Date((payload.exp ?? 0) * 1000) };
        if (cacheSize > 0) {
          // Valid until it expires or grows older than the longest lifetime we accept, whichever is first.
          const validUntil = Math.min(
            result.expiresAt.getTime(),
            ((payload.iat ?? 0) + maxTokenAgeSeconds) * 1000,
          );
          // Oldest first out: a Map iterates in insertion order.
          if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
          verified.set(token, { ...result, kid: protectedHeader.kid, validUntil });
        }
        return result;
      } catch (error) {
        if (error instanceof InvalidTokenError) throw error;
        if (error instanceof errors.JOSEError) throw new InvalidTokenError(describe(error));
        throw error;
      }
    },
  };
}

function describe(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWKSNoMatchingKey) return 'token signed with an unknown key';
  if (error instanceof errors.JWTClaimValidationFailed) return `token ${error.claim} claim is not acceptable`;
  return 'token is not valid';
}
