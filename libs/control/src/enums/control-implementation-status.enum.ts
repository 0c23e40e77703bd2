export enum ControlImplementationStatus {
  Planned = 'planned',
  InProgress = 'in_progress',
  Implemented = 'implemented',
  Degraded = 'degraded',
  NotApplicable = 'not_applicable',
  Retired = 'retired',
}
