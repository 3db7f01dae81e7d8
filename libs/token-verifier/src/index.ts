/** Verifies the auth service's access tokens (JWKS, pinned algorithm, issuer and audience) for every other part. */
export {
  createTokenVerifier,
  accessTokenAlgorithm,
  type TokenVerifier,
  type VerifiedToken,
  type TokenVerifierOptions,
} from './verifier.ts';
export { InvalidTokenError, UnauthenticatedError } from './errors.ts';
export { accessTokenPlugin, bearerToken, type AccessTokenPluginOptions } from './access-token.plugin.ts';
