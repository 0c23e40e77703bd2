/** Every new or re-uploaded piece of evidence waits for a manager's or admin's review. */
export enum EvidenceReviewStatus {
  PendingReview = 'pending_review',
  Approved = 'approved',
  Rejected = 'rejected',
}

/** The outcomes a reviewer can choose. */
export enum EvidenceReviewDecision {
  Approved = 'approved',
  Rejected = 'rejected',
}
