import { AuthUser } from '@rct/auth';
import { SeparationOfDutiesError } from './risk-acceptance.errors';

/**
 * Separation of duties: an acceptance is decided or revoked by someone other than the person
 * who asked for it and the risk's owner.
 */
export function assertSeparateDuties(
  user: AuthUser,
  acceptance: { requestedById: string },
  risk: { ownerId: string },
  verb: 'decide' | 'revoke',
): void {
  if (user.id === acceptance.requestedById) {
    throw new SeparationOfDutiesError(
      `You requested this acceptance; another admin or manager must ${verb} it.`,
    );
  }
  if (user.id === risk.ownerId) {
    throw new SeparationOfDutiesError(
      `You own this risk; another admin or manager must ${verb} its acceptance.`,
    );
  }
}
