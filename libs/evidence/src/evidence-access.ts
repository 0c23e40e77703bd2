import { AuthUser, UserRole } from '@rct/auth';
import { EvidenceChangeForbiddenError } from './evidence.errors';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceReviewStatus } from './enums/evidence-review-status.enum';

const CHANGE_ANY = new Set<UserRole>([UserRole.Admin, UserRole.Manager]);

/**
 * Who may update, delete or upload to a piece of evidence: admins and managers always;
 * analysts only their own, and only while it waits for review, so a reviewed record cannot be
 * rewritten by the person whose work was reviewed.
 */
export function assertMayChangeEvidence(user: AuthUser, evidence: EvidenceEntity): void {
  if (CHANGE_ANY.has(user.role)) return;
  if (user.role !== UserRole.Analyst) {
    throw new EvidenceChangeForbiddenError('Your role may not change evidence.');
  }
  if (evidence.submittedById !== user.id) {
    throw new EvidenceChangeForbiddenError('Analysts may change only evidence they submitted.');
  }
  if (evidence.reviewStatus !== EvidenceReviewStatus.PendingReview) {
    throw new EvidenceChangeForbiddenError(
      `This evidence was ${evidence.reviewStatus}; analysts may change evidence only while it is pending review.`,
    );
  }
}
