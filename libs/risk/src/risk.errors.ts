import { NotFoundError, UnprocessableError, ValidationFailedError } from '@rct/common';

export class RiskNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No risk with id ${id}.`);
  }
}

/** A child (control, task) names a risk that does not exist. */
export class UnknownRiskError extends UnprocessableError {
  constructor(field = 'riskId') {
    super(`${field} does not name an existing risk.`, [
      { field, message: `${field} does not name an existing risk` },
    ]);
  }
}

export class ResidualPairError extends ValidationFailedError {
  constructor(missing: 'residualLikelihood' | 'residualImpact') {
    super([
      {
        field: missing,
        message: 'residualLikelihood and residualImpact must be given together or both be null',
      },
    ]);
  }
}
