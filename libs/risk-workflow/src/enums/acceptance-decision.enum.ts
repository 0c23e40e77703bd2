/** What a decider may answer to a requested acceptance. */
export enum AcceptanceDecision {
  Approved = 'approved',
  Rejected = 'rejected',
}
