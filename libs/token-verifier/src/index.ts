/** Verifies the auth service's access tokens (JWKS, pinned algorithm, issuer and audience) for every other part. */
export { createTokenVerifier, type TokenVerifier } from './verifier.ts';
export { accessTokenPlugin, bearerToken } from './access-token.plugin.ts';
