export enum ControlEffectiveness {
  NotTested = 'not_tested',
  Effective = 'effective',
  PartiallyEffective = 'partially_effective',
  Ineffective = 'ineffective',
}
