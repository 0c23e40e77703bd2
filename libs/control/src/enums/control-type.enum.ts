export enum ControlType {
  Preventive = 'preventive',
  Detective = 'detective',
  Corrective = 'corrective',
}
