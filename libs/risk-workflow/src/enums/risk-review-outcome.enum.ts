/** What a periodic review concluded. */
export enum RiskReviewOutcome {
  NoChange = 'no_change',
  Reassessed = 'reassessed',
  Escalated = 'escalated',
}
