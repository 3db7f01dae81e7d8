/** Verifies the auth service's access tokens (JWKS, pinned algorithm, issuer and audience) for every other part. */
export {
  createTokenVerifier,
  InvalidTokenError,
  accessTokenAlgorithm,
  type TokenVerifier,
  type VerifiedToken,
  type TokenVerifierOptions,
} from './verifier.ts';
export { accessTokenPlugin, bearerToken, type AccessTokenPluginOptions } from './plugin.ts';
