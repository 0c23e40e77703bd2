import { AuthUser, UserRole } from '@rct/auth';
import { EvidenceEntity } from './entities/evidence.entity';
import { EvidenceReviewStatus } from './enums/evidence-review-status.enum';
import { assertMayChangeEvidence } from './evidence-access';
import { EvidenceChangeForbiddenError } from './evidence.errors';

const user = (role: UserRole, id = 'user-1'): AuthUser => ({
  id,
  role,
  email: `${id}@rct.test`,
  fullName: id,
  sessionId: 'session',
});

const evidence = (submittedById: string, reviewStatus: EvidenceReviewStatus): EvidenceEntity =>
  Object.assign(new EvidenceEntity(), { submittedById, reviewStatus });

describe(assertMayChangeEvidence.name, () => {
  it.each([UserRole.Admin, UserRole.Manager])(
    'should let a %s change anyone’s evidence in any review state',
    (role) => {
      for (const status of Object.values(EvidenceReviewStatus)) {
        expect(() => assertMayChangeEvidence(user(role), evidence('other', status))).not.toThrow();
      }
    },
  );

  it('should let an analyst change their own pending evidence', () => {
    expect(() =>
      assertMayChangeEvidence(
        user(UserRole.Analyst),
        evidence('user-1', EvidenceReviewStatus.PendingReview),
      ),
    ).not.toThrow();
  });

  it.each([
    ['someone else’s', 'other', EvidenceReviewStatus.PendingReview],
    ['their own approved', 'user-1', EvidenceReviewStatus.Approved],
    ['their own rejected', 'user-1', EvidenceReviewStatus.Rejected],
  ])('should forbid an analyst %s evidence', (_label, submittedBy, status) => {
    expect(() =>
      assertMayChangeEvidence(user(UserRole.Analyst), evidence(submittedBy, status)),
    ).toThrow(EvidenceChangeForbiddenError);
  });

  it('should forbid a viewer even their own evidence', () => {
    expect(() =>
      assertMayChangeEvidence(
        user(UserRole.Viewer),
        evidence('user-1', EvidenceReviewStatus.PendingReview),
      ),
    ).toThrow(EvidenceChangeForbiddenError);
  });
});
