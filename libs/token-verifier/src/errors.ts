/** Why a token was refused (expired, bad signature, unknown key...): said to the caller, never a 500. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** A request that needs a caller came without an acceptable token. (libs/http answers it 401.) */
export class UnauthenticatedError extends Error {
  override name = 'UnauthenticatedError';
}
