export enum RiskTreatment {
  Untreated = 'untreated',
  Mitigate = 'mitigate',
  Accept = 'accept',
  Transfer = 'transfer',
  Avoid = 'avoid',
}
