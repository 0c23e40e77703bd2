import { Injectable } from '@nestjs/common';
import { AccessTokenClaims } from './access-token.service';

/** Enough for every session of a large team; a few megabytes at most. */
const MAX_TOKENS = 10_000;

/**
 * Access tokens passport-jwt has verified (signature, algorithm, issuer, audience), by their
 * exact text, until they expire. A session sends the same token with every request; a repeat
 * then costs a map lookup instead of decoding and HMAC-checking it again. Only the signature check is remembered: the user row is still read on every request,
 * so a deactivated account or a revoked session is refused at once.
 */
@Injectable()
export class VerifiedTokenCache {
  private readonly claimsByToken = new Map<string, AccessTokenClaims>();

  /** The claims of a token verified earlier and not yet expired. */
  get(token: string): AccessTokenClaims | undefined {
    const claims = this.claimsByToken.get(token);
    if (claims === undefined) return undefined;
    // jsonwebtoken's rule: a token is expired from the second its `exp` names.
    if (Math.floor(Date.now() / 1000) >= claims.exp) {
      this.claimsByToken.delete(token);
      return undefined;
    }
    return claims;
  }

  remember(token: string, claims: AccessTokenClaims): void {
    if (this.claimsByToken.size >= MAX_TOKENS) {
      // A Map iterates in insertion order: forget the oldest.
      const oldest = this.claimsByToken.keys().next();
      if (!oldest.done) this.claimsByToken.delete(oldest.value);
    }
    this.claimsByToken.set(token, claims);
  }
}
