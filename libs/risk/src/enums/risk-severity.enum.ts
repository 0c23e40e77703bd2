/**
 * Bands of the 5x5 score (likelihood x impact): 1-4 low, 5-9 medium, 10-16 high, 17-25
 * critical. The banding itself lives in one place, the SQL function `risk_severity(score)`,
 * which computes the stored column that the API returns and filters on.
 */
export enum RiskSeverity {
  Low = 'low',
  Medium = 'medium',
  High = 'high',
  Critical = 'critical',
}
