import { ProblemError } from '@todo-bus/http';

export class EmailTakenError extends ProblemError {
  constructor() {
    super(409, 'An account with this email already exists.', {
      errors: [{ field: 'body.email', message: 'is already registered' }],
    });
  }
}

/** One answer for every login failure: whether the email exists is nobody's business. */
export class InvalidCredentialsError extends ProblemError {
  constructor() {
    super(401, 'The email or password is incorrect.');
  }
}

export class InvalidRefreshTokenError extends ProblemError {
  constructor() {
    super(401, 'The refresh token is invalid, expired or revoked. Please sign in again.');
  }
}

export class AccountNotFoundError extends ProblemError {
  constructor() {
    super(404, 'The account no longer exists.');
  }
}

/** Re-authentication failed: the body's password is not the account's current one. */
export class WrongPasswordError extends ProblemError {
  constructor() {
    super(401, 'The password is incorrect.', {
      errors: [{ field: 'body.password', message: 'is not the current password' }],
    });
  }
}
