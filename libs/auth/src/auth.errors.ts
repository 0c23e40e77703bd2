import { UnauthorizedError } from '@rct/common';

export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('The e-mail or password is incorrect.');
  }
}

export class InvalidRefreshTokenError extends UnauthorizedError {
  constructor() {
    super('The refresh token is invalid, expired or revoked; sign in again.');
  }
}

/** A spent refresh token came back: the family is revoked, and that must be kept. */
export class RefreshTokenReuseError extends InvalidRefreshTokenError {
  override readonly keepsWrites = true;
}
