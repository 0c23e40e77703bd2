/** Declared (and stored) in rising order, so a sort by priority is a sort by urgency. */
export enum TaskPriority {
  Low = 'low',
  Medium = 'medium',
  High = 'high',
  Urgent = 'urgent',
}
