/** Where an acceptance stands: requested and approved are open; the rest are final. */
export enum RiskAcceptanceStatus {
  Requested = 'requested',
  Approved = 'approved',
  Rejected = 'rejected',
  Revoked = 'revoked',
  Expired = 'expired',
}
