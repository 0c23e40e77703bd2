export enum RiskStatus {
  Open = 'open',
  InTreatment = 'in_treatment',
  Monitoring = 'monitoring',
  Accepted = 'accepted',
  Closed = 'closed',
}
