/** Verifies the auth service's access tokens (JWKS, pinned algorithm, issuer and audience) for every other part. */
export { createTokenVerifier, liveKeySet, type LocalKeySet, type TokenVerifier } from './verifier.ts';
export { accessTokenPlugin, bearerToken } from './access-token.plugin.ts';
